"""Offset versus keyset pagination on PostgreSQL, measured by what the server reads.

EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) runs the query and reports, per plan
node, how many rows it produced and how many 8 KiB buffers it touched. Those
counts depend on the data and the plan, not on how fast the machine is.
"""

# requires-server: postgres

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from examples.data.sql_depth.pg_indexes import create_orders, scratch_database
from examples.server_settings import postgres_dsn

Cursor = tuple[dt.date, int]  # (placed_on, id) of the last row the client saw


# --8<-- [start:pages]
def offset_page(
    conn: psycopg.Connection, page: int, size: int
) -> list[tuple[dt.date, int]]:
    """Page `page` (1-based): skip (page - 1) * size rows, then take size."""
    if page < 1 or not 1 <= size <= 100:
        raise ValueError("page must be >= 1 and size between 1 and 100")
    return conn.execute(
        "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT %s OFFSET %s",
        (size, (page - 1) * size),
    ).fetchall()


def keyset_page(
    conn: psycopg.Connection, after: Cursor | None, size: int
) -> list[tuple[dt.date, int]]:
    """The `size` rows that sort after `after`; None means the first page."""
    if not 1 <= size <= 100:
        raise ValueError("size must be between 1 and 100")
    if after is not None and None in after:
        # A NULL in a row comparison makes it NULL, so the page would be
        # empty and the walk would end early without an error.
        raise ValueError("a cursor holds no NULLs")
    if after is None:
        return conn.execute(
            "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT %s",
            (size,),
        ).fetchall()
    # The row comparison matches the index order (placed_on, id), so the
    # index seeks straight to the cursor and reads forward.
    return conn.execute(
        "SELECT placed_on, id FROM orders WHERE (placed_on, id) > (%s, %s)"
        " ORDER BY placed_on, id LIMIT %s",
        (*after, size),
    ).fetchall()


# --8<-- [end:pages]


# --8<-- [start:measure]
@dataclass(frozen=True)
class Work:
    """What one query made the server do."""

    rows_scanned: int  # rows produced by the scan at the bottom of the plan
    buffers: int  # shared buffers hit or read, whole plan


def measure(conn: psycopg.Connection, query: str, params: tuple[Any, ...]) -> Work:
    """Run `query` under EXPLAIN ANALYZE and count rows scanned and buffers."""
    (document,) = conn.execute(
        sql.SQL("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") + sql.SQL(query), params
    ).fetchone()
    node = document[0]["Plan"]
    buffers = node["Shared Hit Blocks"] + node["Shared Read Blocks"]
    while node.get("Plans"):
        node = node["Plans"][0]
    return Work(rows_scanned=node["Actual Rows"], buffers=buffers)


def ratio_bucket(deep: int, shallow: int) -> str:
    """A coarse, stable label for how many times more work `deep` was."""
    ratio = deep / max(shallow, 1)
    for limit in (1000, 100, 10):
        if ratio > limit:
            return f">{limit}x"
    return "<=10x"


# --8<-- [end:measure]

OFFSET_SQL = (
    "SELECT placed_on, id FROM orders ORDER BY placed_on, id LIMIT %s OFFSET %s"
)
KEYSET_SQL = (
    "SELECT placed_on, id FROM orders WHERE (placed_on, id) > (%s, %s)"
    " ORDER BY placed_on, id LIMIT %s"
)


# --8<-- [start:nulls]
SHIPPED_ON = sql.SQL("shipped_on")
# A date later than any real one, so unshipped rows sort last, as NULLs do.
SHIPPED_OR_LAST = sql.SQL("coalesce(shipped_on, date '9999-12-31')")


def walk_shipments(conn: psycopg.Connection, key: sql.SQL, size: int) -> list[int]:
    """Every shipment id, in keyset pages ordered by (key, id).

    `key` is spliced into the SQL as text: pass one of the fixed expressions
    above, never anything a user sent.
    """
    first = sql.SQL("SELECT {k}, id FROM shipments ORDER BY {k}, id LIMIT %s")
    after = sql.SQL(
        "SELECT {k}, id FROM shipments WHERE ({k}, id) > (%s, %s)"
        " ORDER BY {k}, id LIMIT %s"
    )
    ids: list[int] = []
    page = conn.execute(first.format(k=key), (size,)).fetchall()
    while page:
        ids += [row_id for _, row_id in page]
        page = conn.execute(after.format(k=key), (*page[-1], size)).fetchall()
    return ids


# --8<-- [end:nulls]


def prepare(conn: psycopg.Connection, rows: int) -> None:
    """The orders table plus the index both kinds of page walk."""
    create_orders(conn, rows)
    conn.execute("CREATE INDEX orders_placed_id ON orders (placed_on, id)")
    conn.execute("VACUUM ANALYZE orders")


if __name__ == "__main__":
    with scratch_database(postgres_dsn()) as conn:
        prepare(conn, 200_000)
        # --8<-- [start:demo]
        size, deep_page = 20, 1_001  # page 1,001 starts after 20,000 rows
        deep_offset = offset_page(conn, deep_page, size)
        last_before = offset_page(conn, deep_page - 1, size)[-1]
        deep_keyset = keyset_page(conn, last_before, size)
        print("same rows:", deep_offset == deep_keyset)
        #> same rows: True

        shallow = measure(conn, OFFSET_SQL, (size, 0))
        offset = measure(conn, OFFSET_SQL, (size, (deep_page - 1) * size))
        keyset = measure(conn, KEYSET_SQL, (*last_before, size))
        print("page 1, offset:   rows scanned", shallow.rows_scanned)
        #> page 1, offset:   rows scanned 20
        print(f"page {deep_page}, offset: rows scanned", offset.rows_scanned)
        #> page 1001, offset: rows scanned 20020
        print(f"page {deep_page}, keyset: rows scanned", keyset.rows_scanned)
        #> page 1001, keyset: rows scanned 20
        print(
            "rows, deep offset vs keyset:",
            ratio_bucket(offset.rows_scanned, keyset.rows_scanned),
        )
        #> rows, deep offset vs keyset: >1000x
        print(
            "buffers, deep offset vs keyset:",
            ratio_bucket(offset.buffers, keyset.buffers),
        )
        #> buffers, deep offset vs keyset: >10x
        # --8<-- [end:demo]

        # --8<-- [start:drift]
        first = offset_page(conn, 1, 3)
        # A new order lands at the front while the client reads page 1.
        conn.execute("INSERT INTO orders VALUES (0, 1, 100, 'paid', '2023-12-31')")
        print(
            "offset page 2 repeats:", sorted(set(first) & set(offset_page(conn, 2, 3)))
        )
        #> offset page 2 repeats: [(datetime.date(2024, 1, 1), 1095)]
        print(
            "keyset page 2 repeats:",
            sorted(set(first) & set(keyset_page(conn, first[-1], 3))),
        )
        #> keyset page 2 repeats: []
        # --8<-- [end:drift]

        # --8<-- [start:nulls_demo]
        conn.execute("CREATE TABLE shipments (id bigint PRIMARY KEY, shipped_on date)")
        # Ten shipments: ties on shipped_on, and ids 3, 6 and 9 not shipped yet.
        conn.execute(
            "INSERT INTO shipments SELECT i, CASE WHEN i % 3 <> 0"
            " THEN date '2024-03-01' + i / 4 END FROM generate_series(1, 10) AS i"
        )
        print("nullable key:", walk_shipments(conn, SHIPPED_ON, 4))
        #> nullable key: [1, 2, 4, 5, 7, 8, 10]
        print("coalesced key:", walk_shipments(conn, SHIPPED_OR_LAST, 4))
        #> coalesced key: [1, 2, 4, 5, 7, 8, 10, 3, 6, 9]
        # --8<-- [end:nulls_demo]
