"""An aggregation pipeline ($match, $unwind, $group, $lookup, $sort) as SQL on jsonb.

The MongoDB pipeline this mirrors is on the page, marked illustrative: no
MongoDB runs here. Each SQL clause below is labeled with the stage it plays.
"""

# requires-server: postgres
from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from examples.data.documents.store import SAMPLE_ORDERS, insert_orders, order_store
from examples.server_settings import postgres_dsn

# --8<-- [start:customers]
# A second collection, joined by id. Customer 2 (Grace) erased her account;
# her order A-1002 is kept for the books.
CUSTOMERS = [
    (1, {"name": "Ada", "tier": "gold", "country": "PT"}),
    (3, {"name": "Linus", "tier": "silver", "country": "FI"}),
]
# --8<-- [end:customers]

# --8<-- [start:revenue]
REVENUE = sql.SQL(
    """
WITH per_customer AS (
    SELECT (o.doc -> 'customer' ->> 'id')::int AS customer_id,
           sum((item -> 'qty')::int * (item -> 'price_cents')::int) AS revenue_cents,
           sum((item -> 'qty')::int) AS units
    FROM orders AS o
    CROSS JOIN LATERAL jsonb_array_elements(o.doc -> 'items') AS item  -- $unwind
    WHERE o.doc ->> 'status' IN ('pending', 'paid', 'shipped')         -- $match
    GROUP BY 1                                                          -- $group
)
SELECT g.customer_id, c.doc ->> 'name', c.doc ->> 'tier', g.revenue_cents, g.units
FROM per_customer AS g
{join} customers AS c ON c.id = g.customer_id  -- $lookup, then $unwind
ORDER BY g.revenue_cents DESC, g.customer_id    -- $sort
"""
)
# $unwind after $lookup drops a group whose lookup found nothing: an inner join.
INNER = REVENUE.format(join=sql.SQL("JOIN"))
# {$unwind: {path: ..., preserveNullAndEmptyArrays: true}} keeps it: a left join.
PRESERVE = REVENUE.format(join=sql.SQL("LEFT JOIN"))
# --8<-- [end:revenue]


# --8<-- [start:late_match]
# The filter written last, on the grouped rows, like a $match after $group.
LATE_MATCH = """
SELECT * FROM (
    SELECT o.doc ->> 'status' AS status, count(*) AS orders
    FROM orders AS o
    GROUP BY 1
) AS grouped
WHERE status = 'paid'
"""


def where_filter_runs(conn: psycopg.Connection, query: str) -> list[str]:
    """Each plan node that carries a Filter, as 'Node Type: filter'."""
    (plan,) = conn.execute("EXPLAIN (FORMAT JSON) " + query).fetchone()
    found: list[str] = []
    stack = [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if "Filter" in node:
            found.append(f"{node['Node Type']}: {node['Filter']}")
        stack.extend(node.get("Plans", []))
    return found


# --8<-- [end:late_match]


def add_customers(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TABLE customers (id bigint PRIMARY KEY, doc jsonb NOT NULL)")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO customers VALUES (%s, %s)",
            [(cid, Jsonb(doc)) for cid, doc in CUSTOMERS],
        )


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, SAMPLE_ORDERS)
        add_customers(conn)
        # --8<-- [start:demo]
        print(conn.execute(INNER).fetchall())
        #> [(1, 'Ada', 'gold', 18995, 5)]
        print(conn.execute(PRESERVE).fetchall())
        #> [(2, None, None, 28900, 1), (1, 'Ada', 'gold', 18995, 5)]
        # --8<-- [end:demo]

        # --8<-- [start:demo_pushdown]
        print(where_filter_runs(conn, LATE_MATCH))
        #> ["Seq Scan: ((doc ->> 'status'::text) = 'paid'::text)"]
        print(conn.execute(LATE_MATCH).fetchall())
        #> [('paid', 1)]
        # --8<-- [end:demo_pushdown]
