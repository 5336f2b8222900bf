"""Reading order documents with ->, ->>, @> and jsonb_path_query on PostgreSQL."""

# requires-server: postgres
from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store
from examples.server_settings import postgres_dsn


# --8<-- [start:arrows]
def customer_of(conn: psycopg.Connection, order_no: str) -> dict[str, Any] | None:
    """`->` returns jsonb, which psycopg turns back into a dict."""
    row = conn.execute(
        "SELECT doc -> 'customer' FROM orders WHERE doc ->> 'order_no' = %s",
        (order_no,),
    ).fetchone()
    return row[0] if row else None


def status_and_city(conn: psycopg.Connection, order_no: str) -> tuple[str, str] | None:
    """`->>` returns text; chain `->` to walk down, end with `->>` to get a string."""
    row = conn.execute(
        "SELECT doc ->> 'status', doc -> 'shipping' ->> 'city'"
        " FROM orders WHERE doc ->> 'order_no' = %s",
        (order_no,),
    ).fetchone()
    return (row[0], row[1]) if row else None


# --8<-- [end:arrows]


# --8<-- [start:containment]
def orders_with_sku(conn: psycopg.Connection, sku: str) -> list[str]:
    """`@>` asks "does the document contain this fragment?", at any array position."""
    fragment = {"items": [{"sku": sku}]}
    rows = conn.execute(
        "SELECT doc ->> 'order_no' FROM orders WHERE doc @> %s ORDER BY id",
        (Jsonb(fragment),),
    ).fetchall()
    return [order_no for (order_no,) in rows]


# --8<-- [end:containment]


# --8<-- [start:jsonpath]
def items_at_least(conn: psycopg.Connection, min_cents: int) -> list[tuple[str, str]]:
    """Every item priced at `min_cents` or more, one row per matching array element.

    The threshold goes in through the `vars` argument ($min), never by string
    formatting, so the path expression stays a constant.
    """
    rows = conn.execute(
        "SELECT doc ->> 'order_no', item ->> 'sku'"
        " FROM orders,"
        " jsonb_path_query(doc, '$.items[*] ? (@.price_cents >= $min)',"
        "                  jsonb_build_object('min', %s::int)) AS item"
        " ORDER BY id, item ->> 'sku'",
        (min_cents,),
    ).fetchall()
    return [(order_no, sku) for order_no, sku in rows]


# --8<-- [end:jsonpath]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        # --8<-- [start:demo]
        print(customer_of(conn, "A-1001"))
        #> {'id': 1, 'name': 'Ada', 'email': 'ada@example.com'}
        print(status_and_city(conn, "A-1002"))
        #> ('shipped', 'Oslo')
        print(customer_of(conn, "Z-9999"))
        #> None
        print(orders_with_sku(conn, "KB-01"))
        #> ['A-1001', 'A-1003', 'A-1004']
        print(items_at_least(conn, 10_000))
        #> [('A-1002', 'MN-27'), ('A-1004', 'MN-27')]
        # --8<-- [end:demo]
