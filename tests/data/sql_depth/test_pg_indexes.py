"""PostgreSQL uses each index only after it exists, and only when its shape fits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from examples.data.sql_depth.pg_indexes import (
    BY_DAY,
    BY_USER,
    PENDING,
    USER_TOTALS,
    create_orders,
    plan_summary,
    scan_work,
    scratch_database,
)


def uses(plan: list[str], index: str) -> bool:
    return any(node.endswith(f"using {index}") for node in plan)


def test_indexes_are_used_after_creation_and_not_before(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn:
        create_orders(conn, 100_000)
        assert plan_summary(conn, BY_USER, (42,)) == ["Seq Scan"]
        by_id = "SELECT total_cents FROM orders WHERE id = %s"
        assert plan_summary(conn, by_id, (42,)) == ["Index Scan using orders_pkey"]
        assert plan_summary(conn, PENDING, ("2024-02-01",)) == ["Seq Scan"]

        conn.execute("CREATE INDEX orders_user_placed ON orders (user_id, placed_on)")
        conn.execute("ANALYZE orders")
        assert uses(plan_summary(conn, BY_USER, (42,)), "orders_user_placed")
        # Leftmost prefix: the second column alone does not use it.
        assert not uses(
            plan_summary(conn, BY_DAY, ("2024-06-01",)), "orders_user_placed"
        )

        conn.execute(
            "CREATE INDEX orders_user_cover ON orders (user_id) INCLUDE (total_cents)"
        )
        conn.execute("VACUUM ANALYZE orders")
        assert plan_summary(conn, USER_TOTALS, (42,)) == [
            "Index Only Scan using orders_user_cover"
        ]

        conn.execute(
            "CREATE INDEX orders_pending ON orders (placed_on) WHERE status = 'pending'"
        )
        conn.execute("ANALYZE orders")
        assert uses(plan_summary(conn, PENDING, ("2024-02-01",)), "orders_pending")
        # A query outside the partial index's WHERE cannot use it.
        paid = "SELECT id FROM orders WHERE status = 'paid' AND placed_on < %s"
        assert not uses(plan_summary(conn, paid, ("2024-02-01",)), "orders_pending")


@contextmanager
def covered_orders(dsn: str) -> Iterator[psycopg.Connection]:
    """100,000 orders with a covering index on user_id, freshly vacuumed, in a database of their own."""
    with scratch_database(dsn) as conn:
        create_orders(conn, 100_000)
        conn.execute(
            "CREATE INDEX orders_user_cover ON orders (user_id) INCLUDE (total_cents)"
        )
        conn.execute("VACUUM ANALYZE orders")
        yield conn


# Changes 1% of the orders, none of user 42's (their ids end in 39), on every page.
TOUCH_EVERY_PAGE = "UPDATE orders SET status = 'refunded' WHERE id % 100 = 51"
CLEAN_SCAN = {"node": "Index Only Scan", "rows": 50, "heap_fetches": 0}


def test_index_only_scan_reads_the_table_for_pages_changed_since_vacuum(
    postgres_dsn: str,
) -> None:
    """The plan says Index Only Scan either way; EXPLAIN ANALYZE shows the heap reads."""
    with covered_orders(postgres_dsn) as conn:
        clean = scan_work(conn, USER_TOTALS, (42,))
        assert clean == CLEAN_SCAN

        conn.execute(TOUCH_EVERY_PAGE)
        dirty = scan_work(conn, USER_TOTALS, (42,))
        assert dirty == {"node": "Index Only Scan", "rows": 50, "heap_fetches": 50}

        conn.execute("VACUUM orders")
        assert scan_work(conn, USER_TOTALS, (42,)) == CLEAN_SCAN


def test_an_open_older_transaction_keeps_vacuum_from_setting_the_bits(
    postgres_dsn: str,
) -> None:
    """Rows it might still see stay on their pages, so the pages stay not all-visible."""
    with covered_orders(postgres_dsn) as conn:
        (dbname,) = conn.execute("SELECT current_database()").fetchone()
        report = psycopg.connect(
            make_conninfo(postgres_dsn, dbname=dbname), connect_timeout=5
        )
        with report:
            # A long report in the same database: its snapshot predates the update.
            report.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            report.execute("SELECT count(*) FROM orders").fetchone()
            conn.execute(TOUCH_EVERY_PAGE)
            conn.execute("VACUUM orders")
            (all_visible,) = conn.execute(
                "SELECT relallvisible FROM pg_class WHERE relname = 'orders'"
            ).fetchone()
            assert all_visible == 0
            # With no page it can vouch for, the planner drops the index-only scan.
            assert scan_work(conn, USER_TOTALS, (42,))["node"] == "Bitmap Heap Scan"
            report.rollback()
        conn.execute("VACUUM orders")
        assert scan_work(conn, USER_TOTALS, (42,)) == CLEAN_SCAN


def test_planner_avoids_index_only_scan_on_a_never_vacuumed_table(
    postgres_dsn: str,
) -> None:
    """ANALYZE alone leaves pg_class.relallvisible at 0, so the plan reads the heap."""
    with scratch_database(postgres_dsn) as conn:
        conn.execute(
            "CREATE TABLE t (k int NOT NULL, v int NOT NULL)"
            " WITH (autovacuum_enabled = off)"
        )
        conn.execute(
            "INSERT INTO t SELECT i % 1000, i FROM generate_series(1, 100000) i"
        )
        conn.execute("CREATE INDEX t_k_cover ON t (k) INCLUDE (v)")
        conn.execute("ANALYZE t")
        query = "SELECT v FROM t WHERE k = %s"
        assert "Index Only Scan using t_k_cover" not in plan_summary(conn, query, (7,))
        conn.execute("VACUUM t")
        assert plan_summary(conn, query, (7,)) == ["Index Only Scan using t_k_cover"]


def test_generic_plan_cannot_use_a_partial_index_on_a_parameter(
    postgres_dsn: str,
) -> None:
    """The predicate is proved at planning time, so `status = $1` never matches it."""
    with scratch_database(postgres_dsn) as conn:
        create_orders(conn, 100_000)
        conn.execute(
            "CREATE INDEX orders_pending ON orders (placed_on) WHERE status = 'pending'"
        )
        conn.execute("ANALYZE orders")
        conn.execute(
            "PREPARE by_status (text, date) AS"
            " SELECT id FROM orders WHERE status = $1 AND placed_on < $2"
        )
        run = "EXECUTE by_status ('pending', '2024-02-01')"
        assert uses(plan_summary(conn, run), "orders_pending")  # a custom plan
        conn.execute("SET plan_cache_mode = force_generic_plan")
        assert plan_summary(conn, run) == ["Seq Scan"]


def test_scratch_database_is_dropped_even_after_an_error(postgres_dsn: str) -> None:
    with pytest.raises(RuntimeError), scratch_database(postgres_dsn) as conn:
        (name,) = conn.execute("SELECT current_database()").fetchone()
        raise RuntimeError("boom")
    with psycopg.connect(postgres_dsn, connect_timeout=5) as check:
        found = check.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
    assert found == (0,)


def test_create_orders_rejects_an_empty_table(postgres_dsn: str) -> None:
    with scratch_database(postgres_dsn) as conn, pytest.raises(
        ValueError, match="at least 1"
    ):
        create_orders(conn, 0)
