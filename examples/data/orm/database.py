"""Engines for the ORM examples: in-memory SQLite by default, PostgreSQL on request.

`engine_url()` says which database to use, so the same example code runs on
SQLite (the default) or on a real PostgreSQL server (the tests do both).
`postgres_schema_engine()` gives a PostgreSQL engine confined to a fresh,
uniquely named schema that is dropped afterwards, even when the caller fails.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, text

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

SQLITE_IN_MEMORY = "sqlite+pysqlite:///:memory:"
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


# --8<-- [start:engine]
def engine_url() -> str:
    """The database URL the examples use: HANDBOOK_ORM_URL, else in-memory SQLite."""
    return os.environ.get("HANDBOOK_ORM_URL", SQLITE_IN_MEMORY)


def postgres_url() -> str:
    """The handbook's PostgreSQL server as a SQLAlchemy URL (psycopg 3 driver)."""
    return (
        make_url(postgres_dsn())
        .set(drivername="postgresql+psycopg")
        .render_as_string(hide_password=False)
    )


def make_engine(url: str | None = None, **options: Any) -> Engine:
    """Create an engine for `url` (default: `engine_url()`).

    SQLite leaves foreign keys off unless each connection asks; PostgreSQL gets
    a connect timeout, a pre-ping so dead pooled connections are replaced, and
    any extra `options` (pool_size, connect_args, ...).
    """
    url = url or engine_url()
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _sqlite_foreign_keys_on)
        return engine
    connect_args = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        **options.pop("connect_args", {}),
    }
    options.setdefault("pool_pre_ping", True)
    return create_engine(url, connect_args=connect_args, **options)


# --8<-- [end:engine]


def _sqlite_foreign_keys_on(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


@contextmanager
def postgres_schema_engine(
    prefix: str = "ex_orm", url: str | None = None
) -> Iterator[Engine]:
    """Yield an engine whose connections all live in a new schema, then drop it.

    The schema name is `<prefix>_<random hex>`, so parallel runs never collide.
    Every pooled connection starts with that schema as its search_path, so
    unqualified table names (models, migrations) land there.
    """
    name = f"{prefix}_{secrets.token_hex(6)}"
    if not _SCHEMA_NAME.match(name):
        raise ValueError(
            f"invalid schema prefix {prefix!r}: use lowercase letters, digits, _"
        )
    url = url or postgres_url()
    admin = make_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        engine = make_engine(url, connect_args={"options": f"-csearch_path={name}"})
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    finally:
        admin.dispose()
