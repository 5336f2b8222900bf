"""Partial updates of a jsonb document: jsonb_set, || and #-.

The SQL names only the part that changes, but PostgreSQL still writes a whole
new version of the row: a jsonb value is replaced, never patched in place.
"""

# requires-server: postgres
from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store
from examples.server_settings import postgres_dsn


# --8<-- [start:set_path]
def set_path(
    conn: psycopg.Connection, order_no: str, path: list[str], value: Any
) -> int:
    """Replace (or add) the value at `path`; returns the number of rows changed.

    jsonb_set creates only the last step of the path. If an earlier step is
    missing, it returns the document unchanged, and the UPDATE would still count
    the row; so the WHERE clause requires the parent to be an object or array.
    The path is a text[] parameter and the value a jsonb one, never spliced in.
    """
    if not path:
        # jsonb_set with an empty path returns the document as it is.
        raise ValueError("path must name at least one key or array position")
    cur = conn.execute(
        "UPDATE orders SET doc = jsonb_set(doc, %(path)s, %(value)s)"
        " WHERE doc ->> 'order_no' = %(order_no)s"
        " AND jsonb_typeof(doc #> %(parent)s) IN ('object', 'array')",
        {
            "path": path,
            "parent": path[:-1],
            "value": Jsonb(value),
            "order_no": order_no,
        },
    )
    return cur.rowcount


# --8<-- [end:set_path]


# --8<-- [start:merge_remove]
def merge_top_level(
    conn: psycopg.Connection, order_no: str, fields: dict[str, Any]
) -> int:
    """`||` merges top-level keys: new keys are added, existing ones replaced whole."""
    cur = conn.execute(
        "UPDATE orders SET doc = doc || %s WHERE doc ->> 'order_no' = %s",
        (Jsonb(fields), order_no),
    )
    return cur.rowcount


def remove_path(conn: psycopg.Connection, order_no: str, path: list[str]) -> int:
    """`#-` deletes the key or array element at `path`.

    If nothing is there, the document comes back unchanged, but the row is still
    rewritten and counted.
    """
    cur = conn.execute(
        "UPDATE orders SET doc = doc #- %s WHERE doc ->> 'order_no' = %s",
        (path, order_no),
    )
    return cur.rowcount


# --8<-- [end:merge_remove]


def document(conn: psycopg.Connection, order_no: str) -> dict[str, Any]:
    """The whole document for `order_no`; KeyError if there is none."""
    row = conn.execute(
        "SELECT doc FROM orders WHERE doc ->> 'order_no' = %s", (order_no,)
    ).fetchone()
    if row is None:
        raise KeyError(order_no)
    return row[0]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        # --8<-- [start:demo]
        print(set_path(conn, "A-1001", ["status"], "shipped"))
        #> 1
        print(set_path(conn, "A-1001", ["shipping", "city"], "Porto"))
        #> 1
        print(set_path(conn, "A-1001", ["items", "1", "qty"], 3))  # array index as text
        #> 1
        print(set_path(conn, "A-1001", ["billing", "city"], "Porto"))  # no "billing"
        #> 0
        print(merge_top_level(conn, "A-1001", {"tracking": "PT123"}))
        #> 1
        print(remove_path(conn, "A-1003", ["gift_note"]))
        #> 1
        doc = document(conn, "A-1001")
        print(doc["status"], doc["shipping"], doc["items"][1]["qty"], doc["tracking"])
        #> shipped {'city': 'Porto', 'country': 'PT'} 3 PT123
        print("gift_note" in document(conn, "A-1003"))
        #> False
        # --8<-- [end:demo]
        # --8<-- [start:null_trap]
        # jsonb_set is STRICT: a SQL NULL anywhere makes the whole result NULL.
        # Without NOT NULL on doc, this would silently erase the document.
        try:
            conn.execute(
                "UPDATE orders SET doc = jsonb_set(doc, '{tracking}', %s)"
                " WHERE doc ->> 'order_no' = 'A-1002'",
                (None,),
            )
        except psycopg.errors.NotNullViolation as exc:
            print(type(exc).__name__, exc.diag.column_name)
            #> NotNullViolation doc
        # --8<-- [end:null_trap]
