"""MariaDB's EXPLAIN shows a full scan before the index and an index lookup after."""

from __future__ import annotations

import pymysql
import pytest

from examples.data.sql_depth.mariadb_indexes import (
    BY_DAY,
    BY_USER,
    USER_DAYS,
    create_orders,
    explain,
    scratch_database,
)
from examples.server_settings import MariaDBSettings


def test_index_used_after_creation_and_not_before(
    mariadb_settings: MariaDBSettings,
) -> None:
    with scratch_database(mariadb_settings) as conn:
        create_orders(conn, 20_000)
        assert explain(conn, BY_USER, (42,)) == {
            "type": "ALL",
            "key": None,
            "covering": False,
        }
        with conn.cursor() as cur:
            cur.execute(
                "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)"
            )
            cur.execute("ANALYZE TABLE orders")
            cur.fetchall()
        after = explain(conn, BY_USER, (42,))
        assert (after["type"], after["key"]) == ("ref", "orders_user_placed")
        assert explain(conn, BY_DAY, ("2024-06-01",))["key"] is None
        assert explain(conn, USER_DAYS, (42,))["covering"] is True


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
