"""PostgreSQL uses each index only after it exists, and only when its shape fits."""

from __future__ import annotations

import psycopg
import pytest

from examples.data.sql_depth.pg_indexes import (
    BY_DAY,
    BY_USER,
    PENDING,
    USER_TOTALS,
    create_orders,
    plan_summary,
    scratch_schema,
)


def uses(plan: list[str], index: str) -> bool:
    return any(node.endswith(f"using {index}") for node in plan)


def test_indexes_are_used_after_creation_and_not_before(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn:
        create_orders(conn, 100_000)
        assert plan_summary(conn, BY_USER, (42,)) == ["Seq Scan"]
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


def test_scratch_schema_is_dropped_even_after_an_error(postgres_dsn: str) -> None:
    with pytest.raises(RuntimeError), scratch_schema(postgres_dsn) as conn:
        (name,) = conn.execute("SELECT current_schema()").fetchone()
        raise RuntimeError("boom")
    with psycopg.connect(postgres_dsn, connect_timeout=5) as check:
        found = check.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = %s", (name,)
        ).fetchone()
    assert found == (0,)


def test_create_orders_rejects_an_empty_table(postgres_dsn: str) -> None:
    with scratch_schema(postgres_dsn) as conn, pytest.raises(
        ValueError, match="at least 1"
    ):
        create_orders(conn, 0)
