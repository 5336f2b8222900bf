"""A throwaway PostgreSQL schema or database for an example: random name, dropped on the way out.

Examples that need tables of their own make them inside `scratch_schema()`, so
runs repeat cleanly and two runs at once never see each other's rows:

    with scratch_schema("ex_ledger") as schema, connect(schema) as conn:
        conn.execute("CREATE TABLE account (id bigint PRIMARY KEY)")

`scratch_database()` is for the few examples that a schema cannot isolate:
VACUUM, statistics and extensions are per database.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

# An example's statements are small; a stuck one fails the run instead of hanging it.
DEFAULT_STATEMENT_TIMEOUT = "5s"
_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _scratch_name(prefix: str) -> str:
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(
            f"schema prefix {prefix!r}: use 1-40 lowercase letters, digits "
            "or underscores, starting with a letter"
        )
    return f"{prefix}_{secrets.token_hex(6)}"


@contextmanager
def scratch_schema(prefix: str, dsn: str | None = None) -> Iterator[str]:
    """Create `<prefix>_<12 hex digits>`; drop it and everything in it afterwards."""
    schema = _scratch_name(prefix)
    with psycopg.connect(
        dsn or postgres_dsn(), autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
    ) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            yield schema
        finally:
            admin.execute(
                sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema))
            )


@contextmanager
def scratch_database(prefix: str, dsn: str | None = None) -> Iterator[str]:
    """Create database `<prefix>_<12 hex digits>`; yield its DSN; drop it afterwards.

    The drop uses WITH (FORCE), so a session the example left open cannot keep it.
    """
    name = _scratch_name(prefix)
    dsn = dsn or postgres_dsn()
    with psycopg.connect(
        dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
    ) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield make_conninfo(dsn, dbname=name)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )


def connect(
    schema: str,
    dsn: str | None = None,
    *,
    autocommit: bool = True,
    statement_timeout: str = DEFAULT_STATEMENT_TIMEOUT,
) -> psycopg.Connection:
    """A session whose unqualified table names resolve in `schema`."""
    return psycopg.connect(
        dsn or postgres_dsn(),
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=f"-c search_path={schema} -c statement_timeout={statement_timeout}",
    )
