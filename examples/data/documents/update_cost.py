"""What a small change to a large jsonb document costs: the TOAST bytes one UPDATE writes.

A row wider than about 2 kB has its large values compressed or moved out of
line, into the table's TOAST table, in chunks of about 2 kB. An UPDATE that
changes any part of a jsonb value stores the whole new value again; an UPDATE
of another column keeps the stored value as it is.
"""

# requires-server: postgres
from __future__ import annotations

import copy
import random
from typing import Any

import psycopg
from psycopg import sql

from examples.data.documents.store import FIRST_ORDER, insert_orders, order_store
from examples.server_settings import postgres_dsn


def large_order(events: int, seed: int = 11) -> dict[str, Any]:
    """The first sample order plus an `events` log of random tokens, which do not compress."""
    if events < 0:
        raise ValueError("events must be non-negative")
    rng = random.Random(seed)
    doc = copy.deepcopy(FIRST_ORDER)
    doc["events"] = [{"n": n, "token": rng.randbytes(16).hex()} for n in range(events)]
    return doc


def stored_size(conn: psycopg.Connection, order_id: int) -> int:
    """Bytes the document takes on disk (after any compression), in the row or in TOAST."""
    (size,) = conn.execute(
        "SELECT pg_column_size(doc) FROM orders WHERE id = %s", (order_id,)
    ).fetchone()
    return size


# --8<-- [start:toast_bytes]
def toast_bytes_written(
    conn: psycopg.Connection, update: str, params: dict[str, Any]
) -> int:
    """Run one UPDATE of one order; return the bytes it wrote to the TOAST table.

    TOAST chunks written by this transaction carry its transaction id in xmin,
    the same xmin as the new version of the row.
    """
    (toast,) = conn.execute(
        "SELECT t.relname FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid"
        " WHERE c.oid = 'orders'::regclass"
    ).fetchone()
    with conn.transaction():
        cur = conn.execute(update, params)
        if cur.rowcount != 1:
            raise ValueError(f"expected to update 1 row, updated {cur.rowcount}")
        (written,) = conn.execute(
            sql.SQL(
                "SELECT coalesce(sum(octet_length(chunk_data)), 0) FROM {}"
                " WHERE xmin = (SELECT xmin FROM orders WHERE id = %(id)s)"
            ).format(sql.Identifier("pg_toast", toast)),
            params,
        ).fetchone()
    return written


# --8<-- [end:toast_bytes]

# --8<-- [start:updates]
# The same fact, a tracking number, kept inside the document or beside it.
IN_DOCUMENT = (
    "UPDATE orders SET doc = jsonb_set(doc, '{tracking}', to_jsonb(%(value)s::text))"
    " WHERE id = %(id)s"
)
IN_COLUMN = "UPDATE orders SET tracking = %(value)s WHERE id = %(id)s"
# --8<-- [end:updates]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        conn.execute("ALTER TABLE orders ADD COLUMN tracking text")
        # Pinned, so the sizes printed do not depend on default_toast_compression.
        conn.execute("ALTER TABLE orders ALTER COLUMN doc SET COMPRESSION pglz")
        insert_orders(conn, [FIRST_ORDER, large_order(events=2_000)])
        # --8<-- [start:demo]
        print(stored_size(conn, 1), stored_size(conn, 2))  # bytes: small, large
        #> 391 77544
        written = toast_bytes_written(conn, IN_DOCUMENT, {"id": 2, "value": "PT123"})
        print(written, written == stored_size(conn, 2))  # the whole document again
        #> 77564 True
        print(toast_bytes_written(conn, IN_COLUMN, {"id": 2, "value": "PT124"}))
        #> 0
        print(toast_bytes_written(conn, IN_DOCUMENT, {"id": 1, "value": "PT125"}))
        #> 0
        # --8<-- [end:demo]
