"""Which DDL stops writes, measured on the real server with a writer at lock_timeout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.reliability.schema_changes.lock_points import (
    SETUP,
    held_open,
    read_waits,
    running_ddl,
    write_waits,
)
from examples.scratch_postgres import connect, scratch_schema


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("t_locks", postgres_dsn) as name:
        with connect(name, postgres_dsn) as setup:
            setup.execute(SETUP)
        yield name


def test_with_no_ddl_running_neither_probe_waits(schema: str) -> None:
    assert (read_waits(schema), write_waits(schema)) == (False, False)


def test_a_probe_gives_up_at_lock_timeout_instead_of_hanging(schema: str) -> None:
    with connect(schema, autocommit=False) as holder:
        holder.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        assert (read_waits(schema), write_waits(schema)) == (True, True)
        holder.rollback()


def test_a_constant_default_is_a_catalog_change(schema: str) -> None:
    result = running_ddl(schema, "ALTER TABLE events ADD COLUMN source text DEFAULT 'web'")
    assert (result["rewrote"], result["write waits"]) == (False, False)


def test_a_volatile_default_rewrites_the_table_and_blocks_reads_and_writes(schema: str) -> None:
    result = running_ddl(schema, "ALTER TABLE events ADD COLUMN t float8 DEFAULT slow_token()")
    assert result == {
        "lock": "AccessExclusiveLock",
        "read waits": True,
        "write waits": True,
        "rewrote": True,
    }


def test_a_plain_index_build_blocks_writes_but_not_reads(schema: str) -> None:
    assert held_open(schema, "CREATE INDEX ix ON events (kind)") == {
        "lock": "ShareLock",
        "read waits": False,
        "write waits": True,
    }


def test_a_concurrent_index_build_lets_writes_through_and_ends_valid(schema: str) -> None:
    with connect(schema, autocommit=False) as blocker:
        blocker.execute("INSERT INTO events (kind) VALUES ('open')")
        result = running_ddl(schema, "CREATE INDEX CONCURRENTLY ix ON events (kind)", blocker)
    assert result == {
        "lock": "ShareUpdateExclusiveLock",
        "read waits": False,
        "write waits": False,
        "rewrote": False,
    }
    with connect(schema) as conn:
        valid = conn.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix'::regclass")
        assert valid.fetchone() == (True,)


def test_set_default_later_reaches_new_rows_only_and_rewrites_nothing(schema: str) -> None:
    """The page's advice for a volatile default: add the column bare, then SET DEFAULT."""
    with connect(schema) as conn:
        before = conn.execute("SELECT pg_relation_filenode('events')").fetchone()
        conn.execute("ALTER TABLE events ADD COLUMN token float8")
        conn.execute("ALTER TABLE events ALTER COLUMN token SET DEFAULT random()")
        conn.execute("INSERT INTO events (kind) VALUES ('new')")
        assert conn.execute("SELECT pg_relation_filenode('events')").fetchone() == before
        nulls = conn.execute("SELECT kind, token IS NULL FROM events WHERE id IN (1, 401)")
        assert sorted(nulls.fetchall()) == [("new", False), ("seed", True)]
