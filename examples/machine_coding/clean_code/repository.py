"""Where orders are kept: one protocol, two real implementations.

The service depends on OrderRepository, never on sqlite3. Both classes below
pass the same contract tests (tests/machine_coding/clean_code/test_repository.py),
so a service test run with the in-memory one says something true about the
SQLite one. Neither is a mock: each stores and returns real orders.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from typing import Protocol

from examples.machine_coding.clean_code.pricing import Quote

MAX_ORDER_ID = 2**63 - 1  # SQLite's largest integer; above it sqlite3 overflows


def connect(path: str = ":memory:") -> sqlite3.Connection:
    """A connection the web server's worker threads may share (behind a lock)."""
    return sqlite3.connect(path, check_same_thread=False, timeout=5.0)


@dataclass(frozen=True)
class Order:
    id: int
    customer: str
    quote: Quote


# --8<-- [start:protocol]
class OrderRepository(Protocol):
    """What the service needs from storage, and nothing more."""

    def add(self, customer: str, quote: Quote) -> Order:
        """Store a new order and return it with its id (1, 2, 3, ...)."""
        ...

    def get(self, order_id: int) -> Order | None:
        """The order with this id, or None."""
        ...


# --8<-- [end:protocol]


# --8<-- [start:in_memory]
class InMemoryOrderRepository:
    """A dict behind a lock: fast tests, and a real implementation."""

    def __init__(self) -> None:
        self._orders: dict[int, Order] = {}
        self._lock = threading.Lock()

    def add(self, customer: str, quote: Quote) -> Order:
        with self._lock:
            order = Order(len(self._orders) + 1, customer, quote)
            self._orders[order.id] = order
        return order

    def get(self, order_id: int) -> Order | None:
        with self._lock:
            return self._orders.get(order_id)


# --8<-- [end:in_memory]


# --8<-- [start:sqlite]
SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    id       INTEGER PRIMARY KEY,
    customer TEXT    NOT NULL,
    subtotal INTEGER NOT NULL CHECK (subtotal >= 0),
    discount INTEGER NOT NULL CHECK (discount BETWEEN 0 AND subtotal),
    shipping INTEGER NOT NULL CHECK (shipping >= 0)
)
"""


class SqliteOrderRepository:
    """The same contract over sqlite3, with the invariant repeated as CHECKs."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()  # one connection, shared by worker threads
        with self._lock, connection:
            connection.execute(SCHEMA)

    def add(self, customer: str, quote: Quote) -> Order:
        with self._lock, self._connection:
            cursor = self._connection.execute(
                "INSERT INTO orders (customer, subtotal, discount, shipping)"
                " VALUES (?, ?, ?, ?)",
                (
                    customer,
                    quote.subtotal_cents,
                    quote.discount_cents,
                    quote.shipping_cents,
                ),
            )
        assert cursor.lastrowid is not None
        return Order(cursor.lastrowid, customer, quote)

    def get(self, order_id: int) -> Order | None:
        if not 1 <= order_id <= MAX_ORDER_ID:
            return None  # no such row, and no OverflowError from sqlite3
        with self._lock:
            row = self._connection.execute(
                "SELECT id, customer, subtotal, discount, shipping"
                " FROM orders WHERE id = ?",
                (order_id,),
            ).fetchone()
        if row is None:
            return None
        order_id, customer, *money = row
        return Order(order_id, customer, Quote(*money))


# --8<-- [end:sqlite]
