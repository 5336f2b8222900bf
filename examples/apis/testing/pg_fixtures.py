"""Pytest fixtures for tests on a real PostgreSQL: a schema per worker, a transaction per test.

Load them with `-p examples.apis.testing.pg_fixtures`, or import them into a
conftest.py. Under pytest-xdist every worker (gw0, gw1, ...) gets its own
schema, created and seeded once; every test runs inside a transaction that is
rolled back at the end, so no test sees another's rows, in any order.
"""

# requires-server: postgres

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import psycopg
import pytest

from examples import server_settings
from examples.apis.testing.orders_store import PostgresOrders, Product, create_tables
from examples.scratch_postgres import connect, scratch_schema

# Reference data every test may read: (sku, unit_cents, stock, discount_percent).
SEED = [("mug", 1250, 20, 0), ("tee", 1800, 50, 10)]


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    return server_settings.postgres_dsn()


# --8<-- [start:isolation]
@pytest.fixture(scope="session")
def worker_schema(pg_dsn: str, worker_id: str) -> Iterator[str]:
    """A schema for this xdist worker: tables and seed data made once, dropped at the end."""
    with scratch_schema(f"orders_{worker_id}", pg_dsn) as schema:
        with connect(schema, pg_dsn) as conn:
            create_tables(conn)
            orders = PostgresOrders(conn)
            for sku, unit_cents, stock, discount in SEED:
                orders.add_product(sku, unit_cents, stock, discount)
        yield schema


@pytest.fixture
def db(worker_schema: str, pg_dsn: str) -> Iterator[psycopg.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with connect(worker_schema, pg_dsn) as conn, conn.transaction(force_rollback=True):
        yield conn  # the code's own transaction() blocks become savepoints


# --8<-- [end:isolation]


# --8<-- [start:factories]
@pytest.fixture
def orders(db: psycopg.Connection) -> PostgresOrders:
    return PostgresOrders(db)


@pytest.fixture
def make_product(orders: PostgresOrders) -> Callable[..., Product]:
    """A factory: a new product with a fresh SKU; a test names only what it cares about."""
    numbers = itertools.count(1)

    def make(
        *, stock: int = 10, unit_cents: int = 1000, discount_percent: int = 0
    ) -> Product:
        return orders.add_product(
            f"sku-{next(numbers)}", unit_cents, stock, discount_percent
        )

    return make


# --8<-- [end:factories]
