"""Synchronous commits on the real pair: who waits, what a cancel leaves behind."""

from __future__ import annotations

import pytest
from psycopg import errors, sql

from examples.system_design.replication.pg import connect, paused_replay, scratch_table, synchronous_standby
from examples.system_design.replication.sync_commit import commit_in_background


def count(conn, table: sql.Identifier, row_id: int) -> int:
    row = conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE id = %s").format(table), (row_id,)).fetchone()
    return row[0]


def test_only_remote_apply_waits_for_a_paused_replay(postgres_pair: tuple[str, str]) -> None:
    primary_dsn, replica_dsn = postgres_pair
    with (
        connect(primary_dsn) as primary,
        connect(replica_dsn) as replica,
        scratch_table(primary, replica, "sync_test", "id int PRIMARY KEY") as table,
    ):
        insert = sql.SQL("INSERT INTO {} VALUES (%s)").format(table)
        with synchronous_standby(primary), paused_replay(replica):
            for row_id, level in enumerate(("off", "local", "remote_write", "on"), 1):
                with commit_in_background(primary_dsn, level, insert, (row_id,)) as commit:
                    assert commit.done(timeout=5), level
                assert commit.status == "INSERT 0 1" and commit.warnings == []
            with commit_in_background(primary_dsn, "remote_apply", insert, (9,), statement_timeout_ms=100) as commit:
                assert not commit.done(timeout=0.5)  # five times its statement_timeout
                assert commit.wait_event() == "SyncRep"
                assert count(primary, table, 9) == 0  # not visible while it waits
            # Leaving the block canceled the wait: committed here, not confirmed there.
            assert commit.status == "INSERT 0 1"
            assert [message for message, _ in commit.warnings] == [
                "canceling wait for synchronous replication due to user request"
            ]
            assert "already committed locally" in commit.warnings[0][1]
            assert count(primary, table, 9) == 1
            assert count(replica, table, 9) == 0


def test_without_a_synchronous_standby_remote_apply_does_not_wait(postgres_pair: tuple[str, str]) -> None:
    primary_dsn, replica_dsn = postgres_pair
    with (
        connect(primary_dsn) as primary,
        connect(replica_dsn) as replica,
        scratch_table(primary, replica, "sync_test", "id int PRIMARY KEY") as table,
        paused_replay(replica),
    ):
        insert = sql.SQL("INSERT INTO {} VALUES (%s)").format(table)
        with commit_in_background(primary_dsn, "remote_apply", insert, (1,)) as commit:
            assert commit.done(timeout=5)
        assert count(primary, table, 1) == 1 and count(replica, table, 1) == 0


def test_a_failing_statement_raises_when_the_block_ends(postgres_pair: tuple[str, str]) -> None:
    bad = "INSERT INTO no_such_table_here VALUES (1)"
    with pytest.raises(errors.UndefinedTable), commit_in_background(postgres_pair[0], "on", bad) as commit:
        assert commit.done(timeout=5)
