"""The one-step rename fails whichever version runs on the wrong side of it."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from examples.reliability.schema_changes.one_step_rename import try_request
from examples.reliability.schema_changes.rollout import SCHEMA, V1, V4
from examples.scratch_postgres import connect, scratch_schema

RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name"


@pytest.fixture
def admin(postgres_dsn: str) -> Iterator[psycopg.Connection]:
    with scratch_schema("t_rename", postgres_dsn) as name, connect(name, postgres_dsn) as conn:
        conn.execute(SCHEMA)
        V1.create(conn, "ada@example.com", "Ada")
        yield conn


@pytest.mark.parametrize("request_of", [V1.read, lambda c, i: V1.rename(c, i, "x")])
def test_after_the_rename_every_query_of_the_old_version_fails(admin, request_of) -> None:
    admin.execute(RENAME)
    with pytest.raises(psycopg.errors.UndefinedColumn) as caught:
        request_of(admin, 1)
    assert caught.value.sqlstate == "42703"
    assert '"name"' in caught.value.diag.message_primary


def test_before_the_rename_the_new_version_fails_the_same_way(admin) -> None:
    with pytest.raises(psycopg.errors.UndefinedColumn):
        V4.read(admin, 1)
    admin.execute(RENAME)
    assert V4.read(admin, 1) == "Ada"  # the data moved with the name: nothing to copy


def test_try_request_reports_the_error_class_and_does_not_raise(admin) -> None:
    admin.execute(RENAME)
    assert try_request(V1, admin, 1).startswith("UndefinedColumn 42703: ")
    assert try_request(V4, admin, 1) == "ok, read 'Ada Lovelace'"


def test_the_rename_is_a_catalog_change_under_access_exclusive(admin) -> None:
    before = admin.execute("SELECT pg_relation_filenode('users')").fetchone()
    with admin.transaction():
        admin.execute(RENAME)
        mode = admin.execute(
            "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND granted"
            " AND relation = 'users'::regclass ORDER BY mode"
        ).fetchall()
    assert ("AccessExclusiveLock",) in mode  # brief, but it blocks even reads
    assert admin.execute("SELECT pg_relation_filenode('users')").fetchone() == before
