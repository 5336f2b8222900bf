"""Fixtures for the payments tests: a scratch schema with every table, and a session in it."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.schema import create_schema
from examples.system_design.payments.wiring import Wired, wire


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    """A new schema holding the payment service's tables; dropped afterwards."""
    with scratch_schema("t_pay", postgres_dsn) as name:
        with connect(name, postgres_dsn) as conn:
            create_schema(conn)
        yield name


@pytest.fixture
def db(schema: str, postgres_dsn: str) -> Iterator[psycopg.Connection]:
    """An autocommit session in `schema`."""
    with connect(schema, postgres_dsn) as conn:
        yield conn


@pytest.fixture
def wired(postgres_dsn: str) -> Iterator[Wired]:
    """The app, service and fake processor over a fresh schema of their own."""
    with scratch_schema("t_payapi", postgres_dsn) as name:
        yield wire(name, postgres_dsn)
