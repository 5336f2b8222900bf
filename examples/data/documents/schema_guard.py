"""The database keeps the documents honest: CHECK constraints and a generated column.

Each bad document below is rejected by PostgreSQL itself, so no code path (a
script, a migration, another service) can write one behind your back.
"""

# requires-server: postgres
from __future__ import annotations

import copy
from typing import Any

import psycopg

from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store
from examples.server_settings import postgres_dsn


# --8<-- [start:try_insert]
def try_insert(conn: psycopg.Connection, doc: Any, order_id: int) -> str:
    """Insert one document; say "accepted" or name the rule that rejected it."""
    try:
        insert_orders(conn, [doc], first_id=order_id)
    except psycopg.errors.CheckViolation as exc:
        return f"rejected by {exc.diag.constraint_name}"
    except psycopg.errors.NotNullViolation as exc:
        return f"rejected: {exc.diag.column_name} is null"
    return "accepted"


# --8<-- [end:try_insert]


def variant(**changes: Any) -> dict[str, Any]:
    """A copy of the first sample order with top-level keys replaced or (None) removed."""
    doc = copy.deepcopy(SAMPLE_ORDERS[0])
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return doc


def customer_emails(conn: psycopg.Connection, email: str) -> list[str]:
    """Order numbers for one customer, found through the generated, indexed column."""
    rows = conn.execute(
        "SELECT doc ->> 'order_no' FROM orders WHERE customer_email = %s ORDER BY id",
        (email,),
    ).fetchall()
    return [order_no for (order_no,) in rows]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        # --8<-- [start:demo]
        print(try_insert(conn, variant(order_no="B-1"), 101))
        #> accepted
        print(try_insert(conn, ["not", "an", "object"], 102))
        #> rejected: customer_email is null
        print(try_insert(conn, variant(status="lost"), 103))
        #> rejected by order_status_known
        print(try_insert(conn, variant(status=None), 104))  # key missing
        #> rejected by order_status_known
        print(try_insert(conn, variant(items=[]), 105))
        #> rejected by order_items_bounded
        print(try_insert(conn, variant(items=[{"sku": "KB-01", "qty": "1"}]), 106))
        #> rejected by order_items_valid
        print(try_insert(conn, variant(customer={"name": "Ada"}), 107))
        #> rejected: customer_email is null
        print(customer_emails(conn, "ada@example.com"))
        #> ['A-1001', 'A-1003', 'B-1']
        # --8<-- [end:demo]
