"""The shared helpers put the pair back as they found it, even when the block fails."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from examples.system_design.replication.pg import (
    bytes_behind,
    connect,
    current_lsn,
    paused_replay,
    replay_lsn,
    scratch_table,
    synchronous_standby,
    wait_for_replay,
)


class Boom(Exception):
    pass


def sync_state(primary: psycopg.Connection) -> str:
    row = primary.execute("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'replica1'").fetchone()
    assert row is not None
    return row[0]


def test_synchronous_standby_is_reset_even_when_the_block_fails(postgres_pair: tuple[str, str]) -> None:
    with connect(postgres_pair[0]) as primary:
        assert sync_state(primary) == "async"
        with pytest.raises(Boom), synchronous_standby(primary):
            assert sync_state(primary) == "sync"
            raise Boom
        assert sync_state(primary) == "async"
        assert primary.execute("SHOW synchronous_standby_names").fetchone() == ("",)


def test_replay_resumes_even_when_the_block_fails(postgres_pair: tuple[str, str]) -> None:
    primary_dsn, replica_dsn = postgres_pair
    with (
        connect(primary_dsn) as primary,
        connect(replica_dsn) as replica,
        scratch_table(primary, replica, "helper_test", "id int") as table,
    ):
        with pytest.raises(Boom), paused_replay(replica):
            primary.execute(sql.SQL("INSERT INTO {} VALUES (1)").format(table))  # WAL to (not) replay
            lsn = current_lsn(primary)
            assert not wait_for_replay(replica, lsn, timeout=0.2)
            assert bytes_behind(replica, lsn) > 0
            raise Boom
        assert replica.execute("SELECT pg_is_wal_replay_paused()").fetchone() == (False,)
        assert wait_for_replay(replica, lsn)
        assert bytes_behind(replica, lsn) == 0


def test_scratch_tables_exist_on_both_servers_and_are_dropped(postgres_pair: tuple[str, str]) -> None:
    primary_dsn, replica_dsn = postgres_pair
    with connect(primary_dsn) as primary, connect(replica_dsn) as replica:
        with pytest.raises(Boom), scratch_table(primary, replica, "helper_test", "id int") as table:
            name = table.as_string(primary)
            replica.execute(sql.SQL("SELECT count(*) FROM {}").format(table))
            raise Boom
        assert primary.execute("SELECT to_regclass(%s)", (name,)).fetchone() == (None,)
    with pytest.raises(ValueError, match="plain identifier"), scratch_table(primary, replica, "x; DROP", "id int"):
        pass


def test_replay_lsn_needs_a_standby(postgres_pair: tuple[str, str]) -> None:
    with connect(postgres_pair[0]) as primary, pytest.raises(RuntimeError, match="not a standby"):
        replay_lsn(primary)


def test_connect_sets_the_timeouts_and_checks_its_arguments(postgres_pair: tuple[str, str]) -> None:
    with connect(postgres_pair[0], synchronous_commit="remote_apply", statement_timeout_ms=1234) as conn:
        assert conn.autocommit
        assert conn.execute("SHOW statement_timeout").fetchone() == ("1234ms",)
        assert conn.execute("SHOW synchronous_commit").fetchone() == ("remote_apply",)
    with pytest.raises(ValueError, match="synchronous_commit must be one of"):
        connect(postgres_pair[0], synchronous_commit="on; DROP TABLE x")
    with pytest.raises(ValueError, match="statement_timeout_ms must be > 0"):
        connect(postgres_pair[0], statement_timeout_ms=0)
    with pytest.raises(TypeError, match="must be an int"):
        connect(postgres_pair[0], statement_timeout_ms="5s")  # type: ignore[arg-type]
