"""The bug only a real database finds: one test, three repositories.

The first draft of place() let the unique index catch a retried key and then
looked the first order up. The fake agrees, because the fake has no
transactions. PostgreSQL aborts a transaction at its first error and refuses
every later statement in it, so the lookup fails and a retry becomes a 500.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg.rows import class_row

from examples.apis.testing.fake_orders import FakeOrders
from examples.apis.testing.orders_store import (
    Order,
    OutOfStock,
    PostgresOrders,
    UnknownProduct,
    create_tables,
)
from examples.apis.testing.pricing import total_cents
from examples.scratch_postgres import connect, scratch_schema


# --8<-- [start:first_draft]
class FirstDraftOrders(PostgresOrders):
    """place() as first written: let the unique index catch a retry."""

    def place(self, key: str, sku: str, quantity: int) -> Order:
        with self.conn.transaction():
            product = self.product(sku)
            if product is None:
                raise UnknownProduct(sku)
            total = total_cents(product.unit_cents, quantity, product.discount_percent)
            try:
                with self.conn.cursor(row_factory=class_row(Order)) as cur:
                    cur.execute(
                        "INSERT INTO orders (idempotency_key, sku, quantity, total_cents)"
                        " VALUES (%s, %s, %s, %s) RETURNING *",
                        (key, sku, quantity, total),
                    )
                    order = cur.fetchone()
            except psycopg.errors.UniqueViolation:
                return self.order_by_key(key)  # a retry: hand back the first order
            if not self._take_stock(sku, quantity):
                raise OutOfStock(sku)
            return order


# --8<-- [end:first_draft]


# --8<-- [start:test]
def retry_test(orders: FakeOrders | PostgresOrders) -> None:
    """A retried order returns the first one and sells only once."""
    orders.add_product("lamp", unit_cents=4000, stock=5)
    first = orders.place("key-1", "lamp", 2)
    assert orders.place("key-1", "lamp", 2) == first
    assert orders.product("lamp").stock == 3


# --8<-- [end:test]


def outcome(orders: FakeOrders | PostgresOrders) -> str:
    try:
        retry_test(orders)
    except (AssertionError, psycopg.Error) as failure:
        reason = str(failure).split(",")[0]  # PostgreSQL's first clause is enough
        return f"failed, {type(failure).__name__}: {reason}"
    return "passed"


def on_postgres(conn: psycopg.Connection, repository: type[PostgresOrders]) -> str:
    """retry_test on an empty schema: the transaction is rolled back afterwards."""
    with conn.transaction(force_rollback=True):
        return outcome(repository(conn))


if __name__ == "__main__":
    # --8<-- [start:run]
    print("FakeOrders:", outcome(FakeOrders()))
    #> FakeOrders: passed
    with scratch_schema("ex_layers") as schema, connect(schema) as conn:
        create_tables(conn)
        draft = on_postgres(conn, FirstDraftOrders)
        fixed = on_postgres(conn, PostgresOrders)
    print("FirstDraftOrders:", draft)
    #> FirstDraftOrders: failed, InFailedSqlTransaction: current transaction is aborted
    print("PostgresOrders:", fixed)
    #> PostgresOrders: passed
    # --8<-- [end:run]
