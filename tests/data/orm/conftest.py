"""Engines for the ORM tests: a fresh in-memory SQLite database, and a fresh
PostgreSQL schema that is dropped afterwards (through the shared fixture)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from examples.data.orm.database import SQLITE_IN_MEMORY, make_engine, postgres_schema_engine
from examples.data.orm.database import postgres_url as handbook_postgres_url


@pytest.fixture
def sqlite_engine() -> Iterator[Engine]:
    engine = make_engine(SQLITE_IN_MEMORY)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def postgres_engine(postgres_dsn: str) -> Iterator[Engine]:
    # postgres_dsn skips locally / fails under CI when the server is down.
    assert handbook_postgres_url().startswith("postgresql+psycopg://")
    with postgres_schema_engine("test_orm") as engine:
        yield engine


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The same test on embedded SQLite and on the real PostgreSQL server."""
    return request.getfixturevalue(f"{request.param}_engine")
