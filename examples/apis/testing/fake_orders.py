"""An in-memory Orders for unit tests: fast, and only as right as its author.

It does what its author believes PostgreSQL does. It has no transactions to
abort, no constraints to violate and no second connection to race with, so
any test that passes here says nothing about the SQL in orders_store.py.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace

from examples.apis.testing.orders_store import (
    KeyReused,
    Order,
    OutOfStock,
    Product,
    UnknownProduct,
    check_quantity,
)
from examples.apis.testing.pricing import total_cents


class FakeOrders:
    """The Orders protocol over two dicts and a lock."""

    def __init__(self) -> None:
        self._products: dict[str, Product] = {}
        self._orders: dict[int, Order] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()  # FastAPI runs sync routes on threads

    def add_product(
        self, sku: str, unit_cents: int, stock: int, discount_percent: int = 0
    ) -> Product:
        with self._lock:
            if sku in self._products:
                raise ValueError(f"product {sku!r} exists")
            product = Product(sku, unit_cents, discount_percent, stock)
            self._products[sku] = product
            return product

    def product(self, sku: str) -> Product | None:
        return self._products.get(sku)

    def order(self, order_id: int) -> Order | None:
        return self._orders.get(order_id)

    def place(self, key: str, sku: str, quantity: int) -> Order:
        check_quantity(quantity)  # before any write: a bad request changes nothing
        with self._lock:
            for order in self._orders.values():
                if order.idempotency_key == key:
                    if (order.sku, order.quantity) != (sku, quantity):
                        raise KeyReused(key)
                    return order
            product = self._products.get(sku)
            if product is None:
                raise UnknownProduct(sku)
            if product.stock < quantity:
                raise OutOfStock(sku)
            self._products[sku] = replace(product, stock=product.stock - quantity)
            total = total_cents(product.unit_cents, quantity, product.discount_percent)
            order = Order(next(self._ids), key, sku, quantity, total)
            self._orders[order.id] = order
            return order


if __name__ == "__main__":
    orders = FakeOrders()
    orders.add_product("mug", unit_cents=1250, stock=2, discount_percent=20)
    first = orders.place("key-1", "mug", 1)
    print(first == orders.place("key-1", "mug", 1), orders.product("mug").stock)
    #> True 1
