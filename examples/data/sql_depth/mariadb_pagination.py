"""Keyset pagination on MariaDB: which spelling of "after the cursor" seeks.

ANALYZE runs the statement and reports, for each table, the access type and
`r_rows`, the rows (here, index entries) it really read. The count depends on
the data and the plan, not on how fast the machine is.
"""

# requires-server: mariadb

from __future__ import annotations

import json
from typing import Any

import pymysql

from examples.data.sql_depth.mariadb_indexes import create_orders, scratch_database
from examples.server_settings import mariadb_settings

# --8<-- [start:queries]
ROW_VALUE = (
    "SELECT placed_on, id FROM orders WHERE (placed_on, id) > (%s, %s)"
    " ORDER BY placed_on, id LIMIT %s"
)
# The same condition spelled out, which the range optimizer can seek on.
EXPANDED = (
    "SELECT placed_on, id FROM orders"
    " WHERE placed_on > %s OR (placed_on = %s AND id > %s)"
    " ORDER BY placed_on, id LIMIT %s"
)
# --8<-- [end:queries]


# --8<-- [start:rows_read]
def rows_read(
    conn: pymysql.Connection, query: str, params: tuple[Any, ...]
) -> tuple[str, int]:
    """Run a one-table query under ANALYZE: its access type and entries read."""
    with conn.cursor() as cur:
        cur.execute("ANALYZE FORMAT=JSON " + query, params)
        (row,) = cur.fetchall()
    (step,) = json.loads(row["ANALYZE"])["query_block"]["nested_loop"]
    return step["table"]["access_type"], step["table"]["r_rows"]


# --8<-- [end:rows_read]


def prepare(conn: pymysql.Connection, rows: int) -> None:
    """The seeded orders table plus the index both kinds of page walk."""
    create_orders(conn, rows)
    with conn.cursor() as cur:
        cur.execute("CREATE INDEX orders_placed_id ON orders (placed_on, id)")
        cur.execute("ANALYZE TABLE orders")
        cur.fetchall()


def row_at(conn: pymysql.Connection, position: int) -> tuple[Any, int]:
    """The (placed_on, id) of the row at 0-based `position` in page order."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT 1 OFFSET %s",
            (position,),
        )
        found = cur.fetchone()
    return found["placed_on"], found["id"]


if __name__ == "__main__":
    with scratch_database(mariadb_settings()) as conn:
        prepare(conn, 50_000)
        # --8<-- [start:demo]
        size = 20
        placed_on, last_id = row_at(conn, 19_999)  # the cursor after 20,000 rows
        by_row_value = rows_read(conn, ROW_VALUE, (placed_on, last_id, size))
        expanded = rows_read(conn, EXPANDED, (placed_on, placed_on, last_id, size))
        print("row value:", by_row_value)
        #> row value: ('index', 20020)
        print("expanded: ", expanded)
        #> expanded:  ('range', 20)
        with conn.cursor() as cur:
            cur.execute(ROW_VALUE, (placed_on, last_id, size))
            same = cur.fetchall()
            cur.execute(EXPANDED, (placed_on, placed_on, last_id, size))
            print("same rows:", same == cur.fetchall())
            #> same rows: True
        # --8<-- [end:demo]
