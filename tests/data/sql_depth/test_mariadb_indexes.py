"""MariaDB's EXPLAIN shows a full scan before the index and an index lookup after."""

from __future__ import annotations

import pymysql
import pytest

from examples.data.sql_depth.mariadb_indexes import (
    BY_DAY,
    BY_USER,
    PENDING,
    USER_DAYS,
    USER_MONTH,
    create_orders,
    explain,
    scratch_database,
)
from examples.server_settings import MariaDBSettings


def execute(conn: pymysql.Connection, *statements: str) -> None:
    with conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
            cur.fetchall()


def test_index_used_after_creation_and_not_before(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        assert explain(conn, BY_USER, (42,)) == "ALL NULL: Using where"
        assert explain(conn, USER_DAYS, (42,)) == "ALL NULL: Using where"
        execute(
            conn,
            "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)",
            "ANALYZE TABLE orders",
        )
        assert explain(conn, BY_USER, (42,)) == "ref orders_user_placed"
        # Leftmost prefix: placed_on alone does not use the index.
        assert explain(conn, BY_DAY, ("2024-06-01",)) == "ALL NULL: Using where"


def test_secondary_index_covers_the_primary_key(
    mariadb_settings: MariaDBSettings,
) -> None:
    """`id` is not in the index definition, yet the index covers a query for it."""
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        execute(
            conn,
            "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)",
            "ANALYZE TABLE orders",
        )
        assert explain(conn, USER_DAYS, (42,)) == "ref orders_user_placed: Using index"
        with conn.cursor() as cur:
            cur.execute(USER_DAYS, (42,))
            assert cur.fetchall(), "user 42 has orders, so the covered query reads some"


def test_index_condition_pushdown_is_not_covering(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        execute(
            conn,
            "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)",
            "ANALYZE TABLE orders",
        )
        plan = explain(conn, USER_MONTH, (42, 6))
        assert plan == "ref orders_user_placed: Using index condition"
        # The Extra items are compared whole: a substring test would call
        # this plan covered.
        assert "Using index" not in plan.partition(": ")[2].split("; ")
        # A condition on a column outside the index cannot be pushed down.
        outside = "SELECT id FROM orders WHERE user_id = %s AND total_cents > %s"
        assert (
            explain(conn, outside, (42, 5000)) == "ref orders_user_placed: Using where"
        )


def test_leading_status_column_stands_in_for_a_partial_index(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        assert explain(conn, PENDING, ("2024-02-01",)) == "ALL NULL: Using where"
        execute(
            conn,
            "CREATE INDEX orders_status_placed ON orders (status, placed_on)",
            "ANALYZE TABLE orders",
        )
        assert (
            explain(conn, PENDING, ("2024-02-01",))
            == "range orders_status_placed: Using where; Using index"
        )


def test_an_index_on_a_mostly_null_column_still_holds_every_row(
    mariadb_settings: MariaDBSettings,
) -> None:
    """Why a NULL-for-the-rest generated column is no smaller than a full index."""
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        execute(
            conn,
            "ALTER TABLE orders ADD COLUMN pending_on DATE"
            " AS (IF(status = 'pending', placed_on, NULL)) VIRTUAL,"
            " ADD INDEX orders_pending_on (pending_on)",
            "ANALYZE TABLE orders",
        )
        with conn.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*) AS n FROM orders FORCE INDEX (orders_pending_on)"
                " WHERE pending_on IS NULL"
            )
            nulls = cur.fetchone()["n"]
            cur.execute("SELECT COUNT(*) AS n FROM orders WHERE status <> 'pending'")
            assert nulls == cur.fetchone()["n"] > 19_000
        assert explain(
            conn, "SELECT COUNT(*) FROM orders WHERE pending_on IS NULL"
        ).startswith("ref orders_pending_on")


def test_unique_index_on_a_mostly_null_column_enforces_a_rule_on_the_subset(
    mariadb_settings: MariaDBSettings,
) -> None:
    """What the NULL-for-the-rest trick is good for: one pending order per user."""
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 1_000)
        execute(
            conn,
            "DELETE FROM orders WHERE status = 'pending'",
            "ALTER TABLE orders ADD COLUMN pending_user BIGINT"
            " AS (IF(status = 'pending', user_id, NULL)) VIRTUAL,"
            " ADD UNIQUE INDEX one_pending_per_user (pending_user)",
            "INSERT INTO orders (id, user_id, total_cents, status, placed_on)"
            " VALUES (5001, 7, 100, 'pending', '2024-05-01')",
        )
        with pytest.raises(pymysql.err.IntegrityError, match="Duplicate entry"):
            execute(
                conn,
                "INSERT INTO orders (id, user_id, total_cents, status, placed_on)"
                " VALUES (5002, 7, 100, 'pending', '2024-05-02')",
            )


def test_online_index_build_syntax_from_the_page(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 1_000)
        execute(
            conn,
            "ALTER TABLE orders ADD INDEX orders_user_placed (user_id, placed_on),"
            " ALGORITHM=INPLACE, LOCK=NONE",
        )
        with conn.cursor() as cur:
            cur.execute("SHOW INDEX FROM orders WHERE Key_name = 'orders_user_placed'")
            assert len(cur.fetchall()) == 2


def test_scratch_database_is_dropped_even_after_an_error(
    mariadb_settings: MariaDBSettings,
) -> None:
    with pytest.raises(RuntimeError), scratch_database(mariadb_settings) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT DATABASE() AS name")
            name = cur.fetchone()["name"]
        raise RuntimeError("boom")
    with pymysql.connect(
        host=mariadb_settings.host,
        port=mariadb_settings.port,
        user=mariadb_settings.user,
        password=mariadb_settings.password,
        connect_timeout=5,
    ) as check, check.cursor() as cur:
        cur.execute("SHOW DATABASES LIKE %s", (name,))
        assert cur.fetchall() == ()


def test_create_orders_rejects_an_empty_table(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn, pytest.raises(
        ValueError, match="at least 1"
    ):
        create_orders(conn, 0)
