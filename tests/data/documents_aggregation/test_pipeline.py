"""The pipeline's SQL: $match, $unwind, $group, $lookup and $sort, checked against Python."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.types.json import Jsonb

from examples.data.documents.store import SAMPLE_ORDERS, filler_orders, insert_orders, order_store
from examples.data.documents_aggregation.pipeline import (
    CUSTOMERS,
    INNER,
    LATE_MATCH,
    PRESERVE,
    add_customers,
    where_filter_runs,
)

LIVE = {"pending", "paid", "shipped"}


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with order_store(postgres_dsn) as connection:
        insert_orders(connection, SAMPLE_ORDERS)
        add_customers(connection)
        yield connection


def _revenue(orders: list[dict]) -> dict[int, tuple[int, int]]:
    totals: dict[int, tuple[int, int]] = {}
    for order in orders:
        if order["status"] not in LIVE:
            continue
        revenue, units = totals.get(order["customer"]["id"], (0, 0))
        for item in order["items"]:
            revenue += item["qty"] * item["price_cents"]
            units += item["qty"]
        totals[order["customer"]["id"]] = (revenue, units)
    return totals


def test_inner_join_drops_the_customer_the_lookup_cannot_find(conn: psycopg.Connection) -> None:
    assert conn.execute(INNER).fetchall() == [(1, "Ada", "gold", 18995, 5)]


def test_left_join_keeps_every_group_and_matches_python(conn: psycopg.Connection) -> None:
    rows = conn.execute(PRESERVE).fetchall()
    assert {r[0]: (r[3], r[4]) for r in rows} == _revenue(SAMPLE_ORDERS)
    assert [r[3] for r in rows] == sorted((r[3] for r in rows), reverse=True)
    assert rows[0][1] is None  # Grace's revenue, with no customer document


def test_cancelled_orders_are_left_out(conn: psycopg.Connection) -> None:
    # Linus's only order is cancelled, so he has no group even though he is a customer.
    assert 3 not in {r[0] for r in conn.execute(PRESERVE).fetchall()}
    assert 3 in {cid for cid, _ in CUSTOMERS}


def test_matches_python_on_many_orders(conn: psycopg.Connection) -> None:
    orders = filler_orders(500, seed=3)
    insert_orders(conn, orders, first_id=100)
    rows = conn.execute(PRESERVE).fetchall()
    assert {r[0]: (r[3], r[4]) for r in rows} == _revenue(SAMPLE_ORDERS + orders)


def test_json_number_written_as_a_decimal_still_casts(conn: psycopg.Connection) -> None:
    doc = dict(SAMPLE_ORDERS[2], items=[{"sku": "X", "name": "x", "qty": 2.0, "price_cents": 100}])
    conn.execute("INSERT INTO orders (id, doc) VALUES (50, %s)", (Jsonb(doc),))
    rows = {r[0]: r[3] for r in conn.execute(PRESERVE).fetchall()}
    assert rows[1] == 18995 + 200


def test_the_planner_runs_a_late_filter_before_grouping(conn: psycopg.Connection) -> None:
    filters = where_filter_runs(conn, LATE_MATCH)
    assert len(filters) == 1 and filters[0].startswith("Seq Scan:")
    assert conn.execute(LATE_MATCH).fetchall() == [("paid", 1)]


def test_customers_table_rejects_a_duplicate_id(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("INSERT INTO customers VALUES (1, '{}')")
