"""The ESR rule (equality, sort, range) for a compound index, shown on PostgreSQL jsonb.

MongoDB did not run here. The same B-tree reasoning applies to a compound
index on document fields in both databases, so the example builds the two
possible orders as expression indexes on a jsonb column and reads the plans.
"""

# requires-server: postgres
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

from examples.data.documents.gin_index import plan_summary
from examples.data.documents.store import filler_orders, insert_orders, order_store
from examples.server_settings import postgres_dsn

HOT_CUSTOMER = 42

# --8<-- [start:query]
# Customer 42's orders of at least $50, newest first, one page of ten.
PAGE = """
SELECT doc ->> 'order_no', doc ->> 'placed_at', (doc ->> 'total_cents')::int
FROM orders
WHERE (doc -> 'customer' ->> 'id')::int = %s
  AND (doc ->> 'total_cents')::int >= %s
ORDER BY doc ->> 'placed_at' DESC
LIMIT 10
"""
# --8<-- [end:query]

# --8<-- [start:indexes]
# Each key is the exact expression the query uses; ISO 8601 times sort as text.
ERS = """CREATE INDEX orders_ers ON orders (
    ((doc -> 'customer' ->> 'id')::int), ((doc ->> 'total_cents')::int),
    (doc ->> 'placed_at'))"""
ESR = """CREATE INDEX orders_esr ON orders (
    ((doc -> 'customer' ->> 'id')::int), (doc ->> 'placed_at'),
    ((doc ->> 'total_cents')::int))"""
# --8<-- [end:indexes]


def dated_orders(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """Filler orders with a placed_at and a total; every tenth is HOT_CUSTOMER's."""
    rng = random.Random(seed)
    orders = filler_orders(count, seed=seed)
    # Distinct times in 2024 (no ties, so "newest first" has one answer),
    # as ISO 8601 text, which sorts in time order.
    start = datetime(2024, 1, 1, tzinfo=UTC)
    stamps = [
        (start + timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ")
        for s in rng.sample(range(366 * 86_400), count)
    ]
    for n, doc in enumerate(orders):
        if n % 10 == 0:
            doc["customer"] = {
                "id": HOT_CUSTOMER,
                "name": "Hot customer",
                "email": "hot@example.com",
            }
        doc["placed_at"] = stamps[n]
        doc["total_cents"] = sum(i["qty"] * i["price_cents"] for i in doc["items"])
    return orders


# --8<-- [start:scan_rows]
def rows_from_index(
    conn: psycopg.Connection, query: str, params: tuple[Any, ...]
) -> int:
    """Run `query` under EXPLAIN ANALYZE; return the rows its index scan handed up."""
    explain = "EXPLAIN (ANALYZE, FORMAT JSON) " + query  # query: one of our constants
    (plan,) = conn.execute(explain, params).fetchone()
    node = plan[0]["Plan"]
    while "Index Name" not in node:
        node = node["Plans"][0]
    return node["Actual Rows"]


# --8<-- [end:scan_rows]


def use_only(conn: psycopg.Connection, ddl: str) -> None:
    """Drop both candidate indexes, create one, refresh statistics."""
    conn.execute("DROP INDEX IF EXISTS orders_ers")
    conn.execute("DROP INDEX IF EXISTS orders_esr")
    conn.execute(ddl)
    conn.execute("ANALYZE orders")


if __name__ == "__main__":
    with order_store(postgres_dsn()) as conn:
        insert_orders(conn, dated_orders(10_000))
        conn.execute("ANALYZE orders")
        params = (HOT_CUSTOMER, 5_000)
        # --8<-- [start:demo]
        use_only(conn, ERS)
        print(plan_summary(conn, PAGE, params))
        """
        [
            'Limit',
            'Sort',
            'Bitmap Heap Scan on orders',
            'Bitmap Index Scan using orders_ers',
        ]
        """
        print(rows_from_index(conn, PAGE, params))
        #> 969
        first_page = conn.execute(PAGE, params).fetchall()
        use_only(conn, ESR)
        print(plan_summary(conn, PAGE, params))
        #> ['Limit', 'Index Scan using orders_esr']
        print(rows_from_index(conn, PAGE, params))
        #> 10
        print(conn.execute(PAGE, params).fetchall() == first_page)
        #> True
        print(first_page[:2])
        """
        [
            ('F-002610', '2024-12-31T23:38:03Z', 39877),
            ('F-009870', '2024-12-31T20:01:56Z', 82916),
        ]
        """
        # --8<-- [end:demo]

        # --8<-- [start:demo_cast]
        try:
            conn.execute(
                "CREATE INDEX orders_day"
                " ON orders (((doc ->> 'placed_at')::timestamptz))"
            )
        except psycopg.errors.InvalidObjectDefinition as exc:
            print(str(exc).splitlines()[0])
            #> functions in index expression must be marked IMMUTABLE
        # --8<-- [end:demo_cast]
