"""A GIN index on a jsonb column, shown by the plan before and after it exists.

Costs and row estimates change between runs and versions, so the plan is
read as JSON and reduced to its node types, tables and index names.
"""

# requires-server: postgres
from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from examples.data.documents.store import (
    SAMPLE_ORDERS,
    filler_orders,
    insert_orders,
    order_store,
)
from examples.server_settings import postgres_dsn

CONTAINS_SKU = "SELECT doc ->> 'order_no' FROM orders WHERE doc @> %s ORDER BY id"
STATUS_EQUALS = "SELECT count(*) FROM orders WHERE doc ->> 'status' = %s"


# --8<-- [start:summary]
def plan_summary(
    conn: psycopg.Connection, query: str, params: tuple[Any, ...]
) -> list[str]:
    """The plan's nodes, depth first, as "Node Type on table" or "... using index"."""
    (plan,) = conn.execute(
        "EXPLAIN (FORMAT JSON) " + query,  # query is one of our constants
        params,
    ).fetchone()
    nodes: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        line = node["Node Type"]
        if "Index Name" in node:
            line += f" using {node['Index Name']}"
        elif "Relation Name" in node:
            line += f" on {node['Relation Name']}"
        nodes.append(line)
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return nodes


# --8<-- [end:summary]


# --8<-- [start:create_index]
def add_gin_index(conn: psycopg.Connection) -> None:
    """Index every path/value pair in `doc`. jsonb_path_ops serves @>, @? and @@ only."""
    conn.execute("CREATE INDEX orders_doc_gin ON orders USING gin (doc jsonb_path_ops)")
    conn.execute("ANALYZE orders")


# --8<-- [end:create_index]


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        insert_orders(conn, filler_orders(5_000), first_id=1_000)
        conn.execute("ANALYZE orders")  # fresh statistics, so the plans are stable
        kb = (Jsonb({"items": [{"sku": "KB-01"}]}),)
        # --8<-- [start:demo]
        print(plan_summary(conn, CONTAINS_SKU, kb))
        #> ['Sort', 'Seq Scan on orders']
        add_gin_index(conn)
        print(plan_summary(conn, CONTAINS_SKU, kb))
        """
        ['Sort', 'Bitmap Heap Scan on orders', 'Bitmap Index Scan using orders_doc_gin']
        """
        print(conn.execute(CONTAINS_SKU, kb).fetchall())
        #> [('A-1001',), ('A-1003',), ('A-1004',)]
        # The same index cannot answer ->> equality: it indexes containment.
        print(plan_summary(conn, STATUS_EQUALS, ("paid",)))
        #> ['Aggregate', 'Seq Scan on orders']
        # --8<-- [end:demo]
