"""Indexes on PostgreSQL: read EXPLAIN before and after each kind of index.

The plan is PostgreSQL's JSON EXPLAIN, reduced to the facts that do not change
from run to run: node types and the index each node uses. Costs and row
estimates move with statistics sampling, so they are never printed.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from examples import scratch_postgres
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn


# --8<-- [start:schema]
@contextmanager
def scratch_database(dsn: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to a new database of its own, dropped after.

    A database, not a schema: VACUUM keeps a row version that any open
    transaction in the same database might still see, and leaves its page's
    visibility bit clear. Another session's long transaction would change
    what the examples print.
    """
    with (
        scratch_postgres.scratch_database("ex_sqldepth", dsn) as database,
        psycopg.connect(
            database, connect_timeout=CONNECT_TIMEOUT_SECONDS, autocommit=True
        ) as conn,
    ):
        # One process per query keeps the printed plans the same on
        # every machine; parallel workers would add Gather nodes on some.
        conn.execute("SET max_parallel_workers_per_gather = 0")
        yield conn


def create_orders(conn: psycopg.Connection, rows: int) -> None:
    """Fill `orders` with `rows` deterministic rows, then VACUUM ANALYZE it."""
    if rows < 1:
        raise ValueError("rows must be at least 1")
    conn.execute(
        """
        CREATE TABLE orders (
            id          bigint PRIMARY KEY,
            user_id     bigint NOT NULL,
            total_cents bigint NOT NULL,
            status      text   NOT NULL,
            placed_on   date   NOT NULL
        )
        """
    )
    conn.execute(
        """
        INSERT INTO orders
        SELECT i,
               1 + (i * 7919) %% 2000,
               (i * 37) %% 10000,
               CASE WHEN i %% 100 = 0 THEN 'pending'
                    WHEN i %% 10 = 0 THEN 'refunded' ELSE 'paid' END,
               date '2024-01-01' + (i %% 365)::int
        FROM generate_series(1::bigint, %s) AS i
        """,
        (rows,),
    )
    # ANALYZE gives the planner row counts and value distributions; VACUUM
    # sets the visibility map, without which an index-only scan still visits
    # the table.
    conn.execute("VACUUM ANALYZE orders")


# --8<-- [end:schema]


# --8<-- [start:plan]
def plan_summary(
    conn: psycopg.Connection, query: str, params: tuple[Any, ...] = ()
) -> list[str]:
    """Each plan node as 'Node Type' or 'Node Type using index', top first."""
    (document,) = conn.execute(
        sql.SQL("EXPLAIN (FORMAT JSON) ") + sql.SQL(query), params
    ).fetchone()
    summary: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        index = node.get("Index Name")
        summary.append(
            f"{node['Node Type']} using {index}" if index else node["Node Type"]
        )
        for child in node.get("Plans", []):
            walk(child)

    walk(document[0]["Plan"])
    return summary


# --8<-- [end:plan]


# --8<-- [start:heap]
def scan_work(
    conn: psycopg.Connection, query: str, params: tuple[Any, ...] = ()
) -> dict[str, Any]:
    """Run `query` under EXPLAIN ANALYZE: the top node, its rows and heap fetches."""
    (document,) = conn.execute(
        sql.SQL("EXPLAIN (ANALYZE, FORMAT JSON) ") + sql.SQL(query), params
    ).fetchone()
    node = document[0]["Plan"]
    return {
        "node": node["Node Type"],
        "rows": node["Actual Rows"],
        # Only index-only scans report it: rows whose heap page the visibility
        # map did not vouch for, so the table was read after all.
        "heap_fetches": node.get("Heap Fetches"),
    }


# --8<-- [end:heap]

BY_USER = "SELECT id, total_cents FROM orders WHERE user_id = %s"
BY_DAY = "SELECT id FROM orders WHERE placed_on = %s"
USER_TOTALS = "SELECT total_cents FROM orders WHERE user_id = %s"
PENDING = "SELECT id FROM orders WHERE status = 'pending' AND placed_on < %s"

if __name__ == "__main__":
    with scratch_database(postgres_dsn()) as conn:
        create_orders(conn, 200_000)
        # --8<-- [start:demo]
        print(plan_summary(conn, BY_USER, (42,)))
        #> ['Seq Scan']
        conn.execute("CREATE INDEX orders_user_placed ON orders (user_id, placed_on)")
        conn.execute("ANALYZE orders")
        print(plan_summary(conn, BY_USER, (42,)))
        #> ['Bitmap Heap Scan', 'Bitmap Index Scan using orders_user_placed']
        # Leftmost prefix: placed_on is the index's second column.
        print(plan_summary(conn, BY_DAY, ("2024-06-01",)))
        #> ['Seq Scan']

        # Covering: INCLUDE stores total_cents in the leaf pages without
        # making it part of the sort key.
        conn.execute(
            "CREATE INDEX orders_user_cover ON orders (user_id) INCLUDE (total_cents)"
        )
        conn.execute("VACUUM ANALYZE orders")
        print(plan_summary(conn, USER_TOTALS, (42,)))
        #> ['Index Only Scan using orders_user_cover']
        # --8<-- [end:demo]

        # --8<-- [start:visibility]
        print(scan_work(conn, USER_TOTALS, (42,)))
        #> {'node': 'Index Only Scan', 'rows': 100, 'heap_fetches': 0}
        # A batch job touches 1% of the orders (none of user 42's), spread
        # over every page of the table. Each changed page loses its
        # all-visible bit until the next VACUUM.
        conn.execute("UPDATE orders SET status = 'refunded' WHERE id % 100 = 51")
        print(scan_work(conn, USER_TOTALS, (42,)))
        #> {'node': 'Index Only Scan', 'rows': 100, 'heap_fetches': 100}
        conn.execute("VACUUM orders")
        print(scan_work(conn, USER_TOTALS, (42,)))
        #> {'node': 'Index Only Scan', 'rows': 100, 'heap_fetches': 0}
        # --8<-- [end:visibility]

        # --8<-- [start:partial]
        # Partial: only the 1% of rows that are pending are in the index.
        print(plan_summary(conn, PENDING, ("2024-02-01",)))
        #> ['Seq Scan']
        conn.execute(
            "CREATE INDEX orders_pending ON orders (placed_on) WHERE status = 'pending'"
        )
        conn.execute("ANALYZE orders")
        print(plan_summary(conn, PENDING, ("2024-02-01",)))
        #> ['Bitmap Heap Scan', 'Bitmap Index Scan using orders_pending']
        # --8<-- [end:partial]
