"""A table of order documents (PostgreSQL JSONB) in a throwaway schema of its own.

Every demo and test on the NoSQL page opens one of these stores. The schema
name is random so parallel runs never collide, and it is dropped on the way
out, even when the code inside the `with` block fails.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from examples.server_settings import CONNECT_TIMEOUT_SECONDS

# A server-side cap, so a runaway query in a demo cannot hang the test run.
STATEMENT_TIMEOUT_MS = 5_000

# --8<-- [start:ddl]
ORDERS_DDL = """
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    doc jsonb NOT NULL,
    -- A stored generated column: PostgreSQL copies the email out of the
    -- document on every write, so it can carry NOT NULL and a B-tree index.
    -- It also rejects anything that is not an object (arrays have no email).
    customer_email text NOT NULL
        GENERATED ALWAYS AS (doc -> 'customer' ->> 'email') STORED,
    -- A CHECK passes when it evaluates to NULL (a missing key), so each
    -- test says IS TRUE to turn "unknown" into a rejection.
    CONSTRAINT order_status_known CHECK (
        (doc ->> 'status' IN ('pending', 'paid', 'shipped', 'cancelled')) IS TRUE
    ),
    CONSTRAINT order_items_bounded CHECK (
        (CASE WHEN jsonb_typeof(doc -> 'items') = 'array'
              THEN jsonb_array_length(doc -> 'items') BETWEEN 1 AND 100
         END) IS TRUE
    ),
    -- Every item: a string sku, a whole qty >= 1, a whole price_cents >= 0.
    -- Written as "no item fails the rule" so a missing key counts as failing.
    CONSTRAINT order_items_valid CHECK (
        NOT jsonb_path_exists(doc, '$.items[*] ? (!(
            @.sku.type() == "string"
            && @.qty.type() == "number"
            && @.qty == @.qty.floor() && @.qty >= 1
            && @.price_cents.type() == "number"
            && @.price_cents == @.price_cents.floor() && @.price_cents >= 0))')
    )
);
CREATE INDEX orders_customer_email ON orders (customer_email);
"""
# --8<-- [end:ddl]

# --8<-- [start:documents]
FIRST_ORDER: dict[str, Any] = {
    "order_no": "A-1001",
    "status": "paid",
    "customer": {"id": 1, "name": "Ada", "email": "ada@example.com"},
    "shipping": {"city": "Lisbon", "country": "PT"},
    "items": [
        {"sku": "KB-01", "name": "Keyboard", "qty": 1, "price_cents": 4999},
        {"sku": "MS-02", "name": "Mouse", "qty": 2, "price_cents": 1999},
    ],
}
# --8<-- [end:documents]

SAMPLE_ORDERS: list[dict[str, Any]] = [
    FIRST_ORDER,
    {
        "order_no": "A-1002",
        "status": "shipped",
        "customer": {"id": 2, "name": "Grace", "email": "grace@example.com"},
        "shipping": {"city": "Oslo", "country": "NO"},
        "items": [
            {"sku": "MN-27", "name": "Monitor 27in", "qty": 1, "price_cents": 28900},
        ],
    },
    {
        "order_no": "A-1003",
        "status": "pending",
        "customer": {"id": 1, "name": "Ada", "email": "ada@example.com"},
        "shipping": {"city": "Lisbon", "country": "PT"},
        "items": [
            {"sku": "KB-01", "name": "Keyboard", "qty": 2, "price_cents": 4999},
        ],
        "gift_note": "Happy birthday!",
    },
    {
        "order_no": "A-1004",
        "status": "cancelled",
        "customer": {"id": 3, "name": "Linus", "email": "linus@example.com"},
        "shipping": {"city": "Helsinki", "country": "FI"},
        "items": [
            {"sku": "KB-01", "name": "Keyboard", "qty": 1, "price_cents": 4999},
            {"sku": "MN-27", "name": "Monitor 27in", "qty": 1, "price_cents": 28900},
        ],
    },
]


def _connect(dsn: str) -> psycopg.Connection:
    return psycopg.connect(
        dsn,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        autocommit=True,
        options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    )


def _drop_schema(dsn: str, schema: sql.Identifier) -> None:
    # A connection of its own: the block's connection may be closed, broken, or
    # still holding locks on the tables being dropped.
    with _connect(dsn) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(schema))


@contextmanager
def order_store(dsn: str) -> Iterator[psycopg.Connection]:
    """Yield an autocommit connection whose search_path is a fresh schema holding `orders`.

    The schema is dropped on the way out. If the block fails and the cleanup
    fails too, the block's error is raised, with the cleanup's as a note.
    """
    schema = sql.Identifier(f"ex_documents_{secrets.token_hex(6)}")
    with _connect(dsn) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
    try:
        with _connect(dsn) as conn:
            conn.execute(sql.SQL("SET search_path TO {}").format(schema))
            conn.execute(ORDERS_DDL)
            yield conn
    except BaseException as exc:
        try:
            _drop_schema(dsn, schema)
        except psycopg.Error as cleanup:
            exc.add_note(f"cleanup also failed: {cleanup}")
        raise
    _drop_schema(dsn, schema)


def insert_orders(
    conn: psycopg.Connection, docs: list[dict[str, Any]], first_id: int = 1
) -> None:
    """Insert `docs` with consecutive ids from `first_id`, in one transaction."""
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO orders (id, doc) VALUES (%s, %s)",
            [(first_id + n, Jsonb(doc)) for n, doc in enumerate(docs)],
        )


def filler_orders(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """`count` valid, repeatable orders that never mention the sample SKUs.

    They give the planner enough rows that an index is worth using.
    """
    if count < 0:
        raise ValueError("count must be non-negative")
    rng = random.Random(seed)
    orders = []
    for n in range(count):
        customer = rng.randint(100, 999)
        orders.append(
            {
                "order_no": f"F-{n:06d}",
                "status": rng.choice(["pending", "paid", "shipped", "cancelled"]),
                "customer": {
                    "id": customer,
                    "name": f"Customer {customer}",
                    "email": f"c{customer}@example.com",
                },
                "shipping": {"city": "Porto", "country": "PT"},
                "items": [
                    {
                        "sku": f"GEN-{rng.randint(1, 2000):04d}",
                        "name": "Generic part",
                        "qty": rng.randint(1, 5),
                        "price_cents": rng.randint(100, 20_000),
                    }
                    for _ in range(rng.randint(1, 4))
                ],
            }
        )
    return orders
