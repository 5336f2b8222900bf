"""ESR vs ERS on jsonb expression indexes: the plans, the rows each scan hands up, the same answer."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples import server_settings
from examples.data.documents.gin_index import plan_summary
from examples.data.documents.store import insert_orders, order_store
from examples.data.documents_aggregation.esr_index import (
    ERS,
    ESR,
    HOT_CUSTOMER,
    PAGE,
    dated_orders,
    rows_from_index,
    use_only,
)
from tests.support.servers import require_server

PARAMS = (HOT_CUSTOMER, 5_000)


@pytest.fixture(scope="module")
def conn() -> Iterator[psycopg.Connection]:
    # Module scope: loading 10,000 checked documents takes seconds, and every test
    # here only reads them or swaps the two indexes. (postgres_dsn is per test.)
    require_server("postgres")
    with order_store(server_settings.postgres_dsn()) as connection:
        insert_orders(connection, dated_orders(10_000))
        connection.execute("ANALYZE orders")
        yield connection


def _expected_page(params: tuple[int, int]) -> list[tuple[str, str, int]]:
    rows = [
        (d["order_no"], d["placed_at"], d["total_cents"])
        for d in dated_orders(10_000)
        if d["customer"]["id"] == params[0] and d["total_cents"] >= params[1]
    ]
    return sorted(rows, key=lambda r: r[1], reverse=True)[:10]


def test_dated_orders_are_repeatable_with_distinct_times() -> None:
    orders = dated_orders(2_000)
    assert orders == dated_orders(2_000)
    assert len({d["placed_at"] for d in orders}) == 2_000
    assert sum(d["customer"]["id"] == HOT_CUSTOMER for d in orders) == 200
    assert all(d["total_cents"] == sum(i["qty"] * i["price_cents"] for i in d["items"]) for d in orders)


def test_ers_order_needs_a_sort_and_reads_every_match(conn: psycopg.Connection) -> None:
    use_only(conn, ERS)
    plan = plan_summary(conn, PAGE, PARAMS)
    assert "Sort" in plan and any(n.endswith("using orders_ers") for n in plan)
    matching = sum(1 for d in dated_orders(10_000) if d["customer"]["id"] == HOT_CUSTOMER and d["total_cents"] >= 5_000)
    assert rows_from_index(conn, PAGE, PARAMS) == matching


def test_esr_order_reads_in_sort_order_and_stops_at_the_limit(conn: psycopg.Connection) -> None:
    use_only(conn, ESR)
    plan = plan_summary(conn, PAGE, PARAMS)
    assert plan == ["Limit", "Index Scan using orders_esr"]
    assert rows_from_index(conn, PAGE, PARAMS) == 10


@pytest.mark.parametrize("ddl", [ERS, ESR])
def test_both_orders_return_the_page_python_computes(conn: psycopg.Connection, ddl: str) -> None:
    use_only(conn, ddl)
    assert conn.execute(PAGE, PARAMS).fetchall() == _expected_page(PARAMS)


def test_a_query_on_a_different_expression_cannot_use_the_index(conn: psycopg.Connection) -> None:
    use_only(conn, ESR)
    # Same field, compared as text instead of int: not the indexed expression.
    query = PAGE.replace("(doc -> 'customer' ->> 'id')::int = %s", "doc -> 'customer' ->> 'id' = %s::text")
    plan = plan_summary(conn, query, PARAMS)
    assert not any("orders_esr" in node for node in plan)


def test_unknown_customer_returns_an_empty_page(conn: psycopg.Connection) -> None:
    use_only(conn, ESR)
    assert conn.execute(PAGE, (7, 0)).fetchall() == []


def test_a_timestamp_cast_cannot_be_indexed_but_text_can(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.InvalidObjectDefinition, match="IMMUTABLE"):
        conn.execute("CREATE INDEX orders_day ON orders (((doc ->> 'placed_at')::timestamptz))")
    conn.execute("CREATE INDEX orders_at_text ON orders ((doc ->> 'placed_at'))")
    conn.execute("DROP INDEX orders_at_text")


def test_only_btree_indexes_can_return_rows_in_order(conn: psycopg.Connection) -> None:
    # Why a GIN index on the document can filter but never replace the Sort.
    rows = conn.execute(
        "SELECT amname, pg_indexam_has_property(oid, 'can_order') FROM pg_am WHERE amtype = 'i' ORDER BY amname"
    ).fetchall()
    assert ("gin", False) in rows
    assert [name for name, can_order in rows if can_order] == ["btree"]
