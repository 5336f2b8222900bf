from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.observability.debugging.slow_query import (
    ORDERS_FOR_CUSTOMER,
    PlanNode,
    create_orders,
    explain,
)
from examples.scratch_postgres import connect, scratch_schema


@pytest.fixture
def conn(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with scratch_schema("ex_dbg_plans", postgres_dsn) as schema, connect(schema, postgres_dsn) as conn:
        conn.execute("SET max_parallel_workers_per_gather = 0")
        create_orders(conn, customers=500, per_customer=40)
        yield conn


def test_without_an_index_the_scan_reads_every_row_to_return_a_few(conn: psycopg.Connection) -> None:
    nodes = explain(conn, ORDERS_FOR_CUSTOMER, (42,))
    assert [n.node for n in nodes] == ["Limit", "Sort", "Seq Scan"]
    scan = nodes[-1]
    assert (scan.rows, scan.removed) == (40, 500 * 40 - 40)
    assert nodes[0].rows == 20
    # The table's size now, not pg_class.relpages, which only VACUUM or ANALYZE updates.
    pages = conn.execute(
        "SELECT pg_relation_size('orders') / current_setting('block_size')::int"
    ).fetchone()[0]
    assert scan.buffers == pages  # a sequential scan touches every page once


def test_the_index_turns_it_into_a_short_index_scan(conn: psycopg.Connection) -> None:
    before = explain(conn, ORDERS_FOR_CUSTOMER, (42,))
    conn.execute("CREATE INDEX CONCURRENTLY orders_customer_created ON orders (customer_id, created_at DESC)")
    after = explain(conn, ORDERS_FOR_CUSTOMER, (42,))
    assert [n.node for n in after] == ["Limit", "Index Scan using orders_customer_created"]
    assert after[1].rows == 20 and after[1].removed == 0  # stops after the 20 it needs
    assert after[0].buffers * 5 < before[0].buffers


def test_the_same_rows_come_back_either_way(conn: psycopg.Connection) -> None:
    without = conn.execute(ORDERS_FOR_CUSTOMER, (7,)).fetchall()
    conn.execute("CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC)")
    assert conn.execute(ORDERS_FOR_CUSTOMER, (7,)).fetchall() == without
    assert len(without) == 20


def test_explain_analyze_really_runs_the_statement(conn: psycopg.Connection) -> None:
    with conn.transaction(force_rollback=True):
        explain(conn, "DELETE FROM orders WHERE customer_id = %s", (1,))
        assert conn.execute("SELECT count(*) FROM orders WHERE customer_id = 1").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM orders WHERE customer_id = 1").fetchone() == (40,)


def test_a_bad_query_is_the_servers_error(conn: psycopg.Connection) -> None:
    with pytest.raises(psycopg.errors.UndefinedColumn):
        explain(conn, "SELECT nope FROM orders")


@pytest.mark.parametrize(("customers", "per_customer"), [(0, 10), (10, 0), (-1, 5)])
def test_create_orders_refuses_empty_tables(customers: int, per_customer: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        create_orders(None, customers, per_customer)  # type: ignore[arg-type]


def test_plan_node_prints_removed_rows_only_when_there_are_some() -> None:
    assert str(PlanNode(1, "Seq Scan", 5, 95, 3)) == "  Seq Scan: rows=5 removed=95 buffers=3"
    assert str(PlanNode(0, "Limit", 5, 0, 3)) == "Limit: rows=5 buffers=3"
