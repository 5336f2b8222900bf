"""Indexes on MariaDB: EXPLAIN's `type`, `key` and `Extra` before and after.

`type` is the access method: ALL is a full table scan, `ref` looks rows up
through an index by equality, `range` walks a slice of one, and `index` reads
a whole index from end to end. `key` names the index used (NULL: none).
`Extra` adds how rows were filtered: "Using index" means the index covered
the query; "Using index condition" is something else, index condition
pushdown: part of the WHERE is checked on each index entry, before the row
is read from the table; "Using where" means rows were filtered after reading.
"""

# requires-server: mariadb

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pymysql
import pymysql.cursors

from examples.server_settings import (
    CONNECT_TIMEOUT_SECONDS,
    MariaDBSettings,
    mariadb_settings,
)


@contextmanager
def scratch_database(settings: MariaDBSettings) -> Iterator[pymysql.Connection]:
    """A connection to a new database with a random name, dropped afterwards."""
    name = f"ex_sqldepth_{secrets.token_hex(4)}"  # hex only: safe as an identifier
    conn = pymysql.connect(
        host=settings.host,
        port=settings.port,
        user=settings.user,
        password=settings.password,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=60,
        write_timeout=60,
        autocommit=True,
        cursorclass=pymysql.cursors.DictCursor,
    )
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}`")
        try:
            conn.select_db(name)
            yield conn
        finally:
            with conn.cursor() as cur:
                cur.execute(f"DROP DATABASE `{name}`")
    finally:
        conn.close()


def create_orders(conn: pymysql.Connection, rows: int, seed: int = 5) -> None:
    """Fill `orders` with `rows` seeded random rows, then ANALYZE TABLE."""
    if rows < 1:
        raise ValueError("rows must be at least 1")
    rng = random.Random(seed)
    data = [
        (
            i,
            rng.randint(1, 2000),
            rng.randint(0, 9999),
            rng.choices(["paid", "refunded", "pending"], [89, 10, 1])[0],
            f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for i in range(1, rows + 1)
    ]
    with conn.cursor() as cur:
        cur.execute(
            """
            CREATE TABLE orders (
                id          BIGINT PRIMARY KEY,
                user_id     BIGINT NOT NULL,
                total_cents BIGINT NOT NULL,
                status      VARCHAR(16) NOT NULL,
                placed_on   DATE NOT NULL
            ) ENGINE = InnoDB
            """
        )
        # PyMySQL turns this executemany into multi-row INSERTs.
        cur.executemany(
            "INSERT INTO orders (id, user_id, total_cents, status, placed_on)"
            " VALUES (%s, %s, %s, %s, %s)",
            data,
        )
        cur.execute("ANALYZE TABLE orders")
        cur.fetchall()


# --8<-- [start:explain]
def explain(conn: pymysql.Connection, query: str, params: tuple[Any, ...] = ()) -> str:
    """A one-table EXPLAIN as 'type key: Extra', the columns that stay stable."""
    with conn.cursor() as cur:
        cur.execute("EXPLAIN " + query, params)
        (row,) = cur.fetchall()
    plan = f"{row['type']} {row['key'] or 'NULL'}"
    return f"{plan}: {row['Extra']}" if row["Extra"] else plan


# --8<-- [end:explain]

BY_USER = "SELECT id, total_cents FROM orders WHERE user_id = %s"
BY_DAY = "SELECT id, total_cents FROM orders WHERE placed_on = %s"
USER_DAYS = "SELECT id, placed_on FROM orders WHERE user_id = %s"
USER_MONTH = (
    "SELECT id, total_cents FROM orders WHERE user_id = %s AND MONTH(placed_on) = %s"
)
PENDING = "SELECT id FROM orders WHERE status = 'pending' AND placed_on < %s"

if __name__ == "__main__":
    with scratch_database(mariadb_settings()) as conn:
        create_orders(conn, 50_000)
        # --8<-- [start:demo]
        print(explain(conn, BY_USER, (42,)))
        #> ALL NULL: Using where
        with conn.cursor() as cur:
            cur.execute(
                "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)"
            )
            cur.execute("ANALYZE TABLE orders")
            cur.fetchall()
        print(explain(conn, BY_USER, (42,)))
        #> ref orders_user_placed
        # Leftmost prefix: the index is no help when user_id is not constrained.
        print(explain(conn, BY_DAY, ("2024-06-01",)))
        #> ALL NULL: Using where
        # Covering: InnoDB secondary indexes also carry the primary key, so
        # (user_id, placed_on) answers this query, id included, without
        # touching the rows.
        print(explain(conn, USER_DAYS, (42,)))
        #> ref orders_user_placed: Using index
        # --8<-- [end:demo]

        # --8<-- [start:pushdown]
        # Index condition pushdown: MONTH(placed_on) cannot narrow the seek,
        # but it is checked on each of user 42's index entries, and only the
        # entries that pass are looked up in the table. Not covering.
        print(explain(conn, USER_MONTH, (42, 6)))
        #> ref orders_user_placed: Using index condition
        # --8<-- [end:pushdown]

        # --8<-- [start:partial]
        # No partial indexes on MariaDB: lead with the subset's column instead.
        print(explain(conn, PENDING, ("2024-02-01",)))
        #> ALL NULL: Using where
        with conn.cursor() as cur:
            cur.execute(
                "CREATE INDEX orders_status_placed ON orders (status, placed_on)"
            )
            cur.execute("ANALYZE TABLE orders")
            cur.fetchall()
        print(explain(conn, PENDING, ("2024-02-01",)))
        #> range orders_status_placed: Using where; Using index
        # --8<-- [end:partial]
