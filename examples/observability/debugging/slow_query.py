"""A slow endpoint traced to its query: EXPLAIN (ANALYZE, BUFFERS) before and after an index.

The plan is read as JSON and cut down to what stays the same from run to run:
node types, the index used, rows returned, rows read and thrown away by a
filter, and buffers touched (8 KiB pages, from cache or disk). Timings and
cost estimates are left out on purpose.
"""

# requires-server: postgres

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from examples.scratch_postgres import connect, scratch_schema

ORDERS_FOR_CUSTOMER = """
SELECT id, total_cents FROM orders
WHERE customer_id = %s
ORDER BY created_at DESC
LIMIT 20
"""


# --8<-- [start:plan]
@dataclass(frozen=True)
class PlanNode:
    depth: int
    node: str  # "Seq Scan", or "Index Scan using orders_customer_created"
    rows: int  # rows this node returned, over all its loops
    removed: int  # rows it read and threw away (Rows Removed by Filter)
    buffers: int  # shared buffers hit + read, this node and its children

    def __str__(self) -> str:
        text = f"{'  ' * self.depth}{self.node}: rows={self.rows}"
        if self.removed:
            text += f" removed={self.removed}"
        return text + f" buffers={self.buffers}"


def explain(
    conn: psycopg.Connection, query: str, params: tuple[Any, ...] = ()
) -> list[PlanNode]:
    """Run `query` under EXPLAIN (ANALYZE, BUFFERS): each node, top first.

    ANALYZE really executes the statement, so never point it at a write
    you do not mean to run (wrap one in a transaction you roll back).
    """
    explain_sql = sql.SQL("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") + sql.SQL(query)
    (document,) = conn.execute(explain_sql, params).fetchone()
    nodes: list[PlanNode] = []

    def walk(plan: dict[str, Any], depth: int) -> None:
        name = plan["Node Type"]
        if "Index Name" in plan:
            name += f" using {plan['Index Name']}"
        nodes.append(
            PlanNode(
                depth=depth,
                node=name,
                rows=plan["Actual Rows"] * plan["Actual Loops"],
                removed=plan.get("Rows Removed by Filter", 0),
                buffers=plan["Shared Hit Blocks"] + plan["Shared Read Blocks"],
            )
        )
        for child in plan.get("Plans", []):
            walk(child, depth + 1)

    walk(document[0]["Plan"], 0)
    return nodes


# --8<-- [end:plan]


# --8<-- [start:schema]
def create_orders(conn: psycopg.Connection, customers: int, per_customer: int) -> None:
    """`customers` x `per_customer` orders, interleaved as real traffic writes them."""
    if customers < 1 or per_customer < 1:
        raise ValueError("customers and per_customer must be at least 1")
    conn.execute(
        """
        CREATE TABLE orders (
            id          bigint PRIMARY KEY,
            customer_id bigint NOT NULL,
            total_cents bigint NOT NULL,
            created_at  timestamptz NOT NULL
        )
        """
    )
    conn.execute(
        """
        INSERT INTO orders
        SELECT i, 1 + i %% %(customers)s, (i * 37) %% 10000,
               timestamptz '2024-01-01 00:00Z' + i * interval '1 minute'
        FROM generate_series(0, %(rows)s - 1) AS i
        """,
        {"customers": customers, "rows": customers * per_customer},
    )
    conn.execute("VACUUM ANALYZE orders")  # statistics for the planner


# --8<-- [end:schema]


if __name__ == "__main__":
    with scratch_schema("ex_dbg_plans") as schema, connect(schema) as conn:
        # One process per query keeps the plan the same on every machine.
        conn.execute("SET max_parallel_workers_per_gather = 0")
        create_orders(conn, customers=2_000, per_customer=100)

        # --8<-- [start:before]
        for node in explain(conn, ORDERS_FOR_CUSTOMER, (42,)):
            print(node)
            #> Limit: rows=20 buffers=1471
            #>   Sort: rows=20 buffers=1471
            #>     Seq Scan: rows=100 removed=199900 buffers=1471
        # --8<-- [end:before]

        # --8<-- [start:after]
        # CONCURRENTLY builds it without blocking writes (it cannot run
        # inside a transaction block; this connection is in autocommit).
        conn.execute(
            "CREATE INDEX CONCURRENTLY orders_customer_created"
            " ON orders (customer_id, created_at DESC)"
        )
        for node in explain(conn, ORDERS_FOR_CUSTOMER, (42,)):
            print(node)
            #> Limit: rows=20 buffers=26
            #>   Index Scan using orders_customer_created: rows=20 buffers=26
        # --8<-- [end:after]
