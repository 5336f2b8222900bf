"""Indexes on MariaDB: EXPLAIN's `type`, `key` and `Extra` before and after.

`type` is the access method: ALL is a full table scan, `ref` looks rows up
through an index by equality, `range` walks a slice of one, and `index` reads
a whole index from end to end. `key` names the index used (NULL: none).
"Using index" in `Extra` means the index covered the query.
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
def explain(
    conn: pymysql.Connection, query: str, params: tuple[Any, ...] = ()
) -> dict[str, Any]:
    """The stable columns of a one-table EXPLAIN: access type, index, covering."""
    with conn.cursor() as cur:
        cur.execute("EXPLAIN " + query, params)
        (row,) = cur.fetchall()
    return {
        "type": row["type"],
        "key": row["key"],
        "covering": "Using index" in (row["Extra"] or "").split("; "),
    }


# --8<-- [end:explain]

BY_USER = "SELECT id, total_cents FROM orders WHERE user_id = %s"
BY_DAY = "SELECT id, total_cents FROM orders WHERE placed_on = %s"
USER_DAYS = "SELECT placed_on FROM orders WHERE user_id = %s"

if __name__ == "__main__":
    with scratch_database(mariadb_settings()) as conn:
        create_orders(conn, 50_000)
        # --8<-- [start:demo]
        print(explain(conn, BY_USER, (42,)))
        #> {'type': 'ALL', 'key': None, 'covering': False}
        with conn.cursor() as cur:
            cur.execute(
                "CREATE INDEX orders_user_placed ON orders (user_id, placed_on)"
            )
            cur.execute("ANALYZE TABLE orders")
            cur.fetchall()
        print(explain(conn, BY_USER, (42,)))
        #> {'type': 'ref', 'key': 'orders_user_placed', 'covering': False}
        # Leftmost prefix: the index is no help when user_id is not constrained.
        print(explain(conn, BY_DAY, ("2024-06-01",)))
        #> {'type': 'ALL', 'key': None, 'covering': False}
        # Covering: InnoDB secondary indexes also carry the primary key, so
        # (user_id, placed_on) answers this query without touching the rows.
        print(explain(conn, USER_DAYS, (42,)))
        #> {'type': 'ref', 'key': 'orders_user_placed', 'covering': True}
        # --8<-- [end:demo]
