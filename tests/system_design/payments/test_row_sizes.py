"""The notebook's ROW_BYTES against real rows: heap plus indexes per row, measured here."""

from __future__ import annotations

import runpy
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg.types.json import Jsonb

from examples.system_design.payments.bookkeeping import NewPayment, advance, insert_payment, payment_view
from examples.system_design.payments.idempotency import fingerprint
from examples.system_design.payments.states import PaymentStatus

NOTEBOOK = Path(__file__).parents[3] / "docs/system-design/payments/estimation.py"
PAYMENTS = 2_000  # enough rows that fixed per-relation pages stop mattering


def row_bytes(conn: psycopg.Connection, table: str) -> float:
    row = conn.execute(
        f"SELECT pg_total_relation_size('{table}')::float8 / count(*) FROM {table}"  # noqa: S608
    ).fetchone()
    assert row is not None
    return row[0]


def test_row_bytes_are_within_a_quarter_of_measured_rows(db: psycopg.Connection) -> None:
    sizes = runpy.run_path(str(NOTEBOOK), run_name="not_main")["ROW_BYTES"]
    with db.transaction():
        for n in range(PAYMENTS):
            payment_id = uuid.uuid4()
            new = NewPayment(f"shop-{n % 50}", 1_000 + n, "USD", "tok_visa")
            insert_payment(db, payment_id, new)
            advance(db, payment_id, PaymentStatus.SUCCEEDED)
            db.execute(
                "INSERT INTO idempotency_keys (merchant_id, key, fingerprint, payment_id,"
                " response_status, response_body) VALUES (%s, %s, %s, %s, 201, %s)",
                (new.merchant_id, f"order-{n:06d}", fingerprint("POST", "/payments", {"n": n}),
                 payment_id, Jsonb(payment_view(db, payment_id))),
            )  # fmt: skip
            db.execute(
                "INSERT INTO processor_events VALUES (%s, %s, 'succeeded', 'applied')",
                (f"evt_{uuid.uuid4().hex[:24]}", payment_id),
            )
    measured = {table: row_bytes(db, table) for table in sizes}
    for table, estimate in sizes.items():
        assert estimate == pytest.approx(measured[table], rel=0.25), str(measured)
