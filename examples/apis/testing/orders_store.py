"""Orders on PostgreSQL: take stock and record the order in one transaction.

`Orders` is what the HTTP layer depends on; `PostgresOrders` is the real one
and `FakeOrders` (fake_orders.py) the in-memory stand-in unit tests use. Each
order carries the client's idempotency key, so a retried POST returns the
first order instead of selling twice.
"""

# requires-server: postgres

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

import psycopg
from psycopg.rows import class_row

from examples.apis.testing.pricing import total_cents

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE products (
    sku              text PRIMARY KEY,
    unit_cents       integer NOT NULL CHECK (unit_cents >= 0),
    discount_percent integer NOT NULL DEFAULT 0
                     CHECK (discount_percent BETWEEN 0 AND 100),
    stock            integer NOT NULL CHECK (stock >= 0)
);
CREATE TABLE orders (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    sku             text NOT NULL REFERENCES products,
    quantity        integer NOT NULL CHECK (quantity > 0),
    total_cents     bigint NOT NULL
);
"""
# --8<-- [end:schema]


@dataclass(frozen=True)
class Product:
    sku: str
    unit_cents: int
    discount_percent: int
    stock: int


@dataclass(frozen=True)
class Order:
    id: int
    idempotency_key: str
    sku: str
    quantity: int
    total_cents: int


class UnknownProduct(Exception):
    """No product has this SKU."""


class OutOfStock(Exception):
    """Fewer items in stock than the order asks for."""


class KeyReused(Exception):
    """The idempotency key belongs to an order for something else."""


def check_quantity(quantity: int) -> None:
    """Refuse a quantity that is not a positive int, before anything is written.

    The HTTP layer already allows only 1..1000; this guards every other caller.
    """
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError(f"quantity must be a positive integer, got {quantity!r}")


class Orders(Protocol):
    """What the API needs from storage."""

    def product(self, sku: str) -> Product | None: ...

    def order(self, order_id: int) -> Order | None: ...

    def place(self, key: str, sku: str, quantity: int) -> Order: ...


def create_tables(conn: psycopg.Connection) -> None:
    """The schema, in the connection's search_path."""
    conn.execute(SCHEMA)


class PostgresOrders:
    """Orders in PostgreSQL, one short transaction per call.

    `conn` may already be inside a transaction (a test's, rolled back at the
    end); conn.transaction() then makes a savepoint instead, so the code runs
    the same either way.
    """

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def add_product(
        self, sku: str, unit_cents: int, stock: int, discount_percent: int = 0
    ) -> Product:
        with (
            self.conn.transaction(),
            self.conn.cursor(row_factory=class_row(Product)) as cur,
        ):
            cur.execute(
                "INSERT INTO products (sku, unit_cents, discount_percent, stock)"
                " VALUES (%s, %s, %s, %s) RETURNING *",
                (sku, unit_cents, discount_percent, stock),
            )
            return _one(cur.fetchone())

    def product(self, sku: str) -> Product | None:
        with self.conn.cursor(row_factory=class_row(Product)) as cur:
            cur.execute("SELECT * FROM products WHERE sku = %s", (sku,))
            return cur.fetchone()

    def order(self, order_id: int) -> Order | None:
        with self.conn.cursor(row_factory=class_row(Order)) as cur:
            cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))
            return cur.fetchone()

    def order_by_key(self, key: str) -> Order | None:
        with self.conn.cursor(row_factory=class_row(Order)) as cur:
            cur.execute("SELECT * FROM orders WHERE idempotency_key = %s", (key,))
            return cur.fetchone()

    # --8<-- [start:place]
    def place(self, key: str, sku: str, quantity: int) -> Order:
        """Sell `quantity` of `sku` once per key; a retry gets the first order."""
        check_quantity(quantity)  # a clear error, not a CHECK violation
        with self.conn.transaction():
            product = self.product(sku)
            if product is None:
                # A key already used for a real order is a reuse first (422).
                if self.order_by_key(key) is not None:
                    raise KeyReused(key)
                raise UnknownProduct(sku)
            total = total_cents(product.unit_cents, quantity, product.discount_percent)
            with self.conn.cursor(row_factory=class_row(Order)) as cur:
                # Claim the key first. A concurrent request with the same key
                # waits here until ours commits or rolls back (the unique index).
                cur.execute(
                    "INSERT INTO orders (idempotency_key, sku, quantity, total_cents)"
                    " VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (idempotency_key) DO NOTHING RETURNING *",
                    (key, sku, quantity, total),
                )
                order = cur.fetchone()
            if order is None:  # the key was taken: this is a retry
                return self._replay(key, sku, quantity)
            if not self._take_stock(sku, quantity):
                raise OutOfStock(sku)  # leaving the block rolls back the INSERT
            return order

    def _take_stock(self, sku: str, quantity: int) -> bool:
        # The check and the decrement are one statement, so two requests
        # cannot both see the last item and both take it.
        taken = self.conn.execute(
            "UPDATE products SET stock = stock - %s WHERE sku = %s AND stock >= %s",
            (quantity, sku, quantity),
        )
        return taken.rowcount == 1

    def _replay(self, key: str, sku: str, quantity: int) -> Order:
        first = _one(self.order_by_key(key))
        if (first.sku, first.quantity) != (sku, quantity):
            raise KeyReused(key)
        return first

    # --8<-- [end:place]


Row = TypeVar("Row")


def _one(row: Row | None) -> Row:
    if row is None:
        raise LookupError("expected a row")  # a bug, not a client error
    return row


if __name__ == "__main__":
    from examples.scratch_postgres import connect, scratch_schema

    with scratch_schema("ex_orders") as schema, connect(schema) as conn:
        create_tables(conn)
        orders = PostgresOrders(conn)
        orders.add_product("mug", unit_cents=1250, stock=2, discount_percent=20)
        first = orders.place("key-1", "mug", 1)
        again = orders.place("key-1", "mug", 1)  # a retry: same order, no sale
        print(first == again, first.total_cents, orders.product("mug").stock)
        #> True 1000 1
