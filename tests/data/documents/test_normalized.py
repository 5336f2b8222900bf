"""Documents versus normalized tables: same answers, different update costs."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.data.documents.normalized import (
    CountingConnection,
    load_normalized,
    read_order_document,
    read_order_normalized,
    rename_product_documents,
    rename_product_normalized,
    revenue_document,
    revenue_normalized,
)
from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        load_normalized(connection, SAMPLE_ORDERS)
        yield connection


@pytest.mark.parametrize("order_no", [d["order_no"] for d in SAMPLE_ORDERS])
def test_both_shapes_read_the_same_order(conn: psycopg.Connection, order_no: str) -> None:
    docs, tables = CountingConnection(conn), CountingConnection(conn)
    assert read_order_document(docs, order_no) == read_order_normalized(tables, order_no)
    assert (docs.statements, tables.statements) == (1, 1)


def test_revenue_matches_and_skips_cancelled_orders(conn: psycopg.Connection) -> None:
    docs = CountingConnection(conn)
    assert revenue_document(docs) == revenue_normalized(docs)
    # KB-01: A-1001 1 x 4999 + A-1003 2 x 4999; A-1004 is cancelled.
    assert dict(revenue_document(docs))["KB-01"] == 3 * 4999


def test_rename_rewrites_every_copy_but_only_one_row(conn: psycopg.Connection) -> None:
    docs, tables = CountingConnection(conn), CountingConnection(conn)
    assert rename_product_documents(docs, "KB-01", "Board") == 3
    assert rename_product_normalized(tables, "KB-01", "Board") == 1
    for order in SAMPLE_ORDERS:
        assert read_order_document(docs, order["order_no"]) == read_order_normalized(tables, order["order_no"])
    # Other items and their order inside the array are untouched.
    lines = read_order_document(docs, "A-1004")["lines"]
    assert lines == [("KB-01", "Board", 1), ("MN-27", "Monitor 27in", 1)]


def test_rename_of_unknown_product_writes_nothing(conn: psycopg.Connection) -> None:
    db = CountingConnection(conn)
    assert rename_product_documents(db, "NOPE", "x") == 0
    assert rename_product_normalized(db, "NOPE", "x") == 0


def test_normalized_tables_reject_what_the_document_check_rejects(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("INSERT INTO order_lines VALUES ('A-1001', 9, 'KB-01', 0, 100)")
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("INSERT INTO order_lines VALUES ('A-1001', 9, 'NOPE', 1, 100)")


def test_revenue_reads_integral_numbers_written_with_a_fraction_part(conn: psycopg.Connection) -> None:
    # JSON allows 2.0 for 2; the CHECK accepts it, so the report must too.
    line = {"sku": "MN-27", "name": "Monitor 27in", "qty": 2.0, "price_cents": 28900}
    doc = dict(SAMPLE_ORDERS[1], order_no="A-2000", items=[line])
    insert_orders(conn, [doc], first_id=50)
    docs = CountingConnection(conn)
    assert dict(revenue_document(docs))["MN-27"] == 3 * 28900


def test_reading_a_missing_order_raises_key_error_on_both_shapes(conn: psycopg.Connection) -> None:
    db = CountingConnection(conn)
    with pytest.raises(KeyError, match="Z-404"):
        read_order_document(db, "Z-404")
    with pytest.raises(KeyError, match="Z-404"):
        read_order_normalized(db, "Z-404")
