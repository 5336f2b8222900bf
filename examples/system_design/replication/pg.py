"""The pieces every replication example shares: connections, WAL positions,
pausing replay on the replica, and making the replica synchronous for a while.

The primary and its streaming replica come from examples/server_settings.py
(pg_primary_dsn(), pg_replica_dsn()). Other pages' examples use the same pair,
so each helper here puts the server back as it found it: replay resumed,
synchronous_standby_names reset, scratch tables dropped.
"""

# requires-server: postgres-pair

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from examples.server_settings import (
    CONNECT_TIMEOUT_SECONDS,
    pg_primary_dsn,
    pg_replica_dsn,
)

# Every statement has a deadline. (A COMMIT waiting for a synchronous standby
# does not: sync_commit.py shows why.)
STATEMENT_TIMEOUT_MS = 5_000
# How long the helpers wait for the replica to catch up or to turn synchronous.
CATCH_UP_TIMEOUT_SECONDS = 10.0
POLL_SECONDS = 0.01
COMMIT_LEVELS = ("off", "local", "remote_write", "on", "remote_apply")
# tests/support/postgres_pair.py names the replica's cluster replica1, so that
# is its application_name in pg_stat_replication.
REPLICA_NAME = "replica1"


def connect(
    dsn: str,
    *,
    synchronous_commit: str | None = None,
    statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
) -> psycopg.Connection:
    """An autocommit connection with a connect timeout and a statement timeout.

    `synchronous_commit` (one of COMMIT_LEVELS) applies to every commit made
    on this connection.
    """
    if isinstance(statement_timeout_ms, bool) or not isinstance(
        statement_timeout_ms, int
    ):
        raise TypeError("statement_timeout_ms must be an int")
    if statement_timeout_ms <= 0:
        raise ValueError(
            f"statement_timeout_ms must be > 0, not {statement_timeout_ms}"
        )
    options = f"-c statement_timeout={statement_timeout_ms}"
    if synchronous_commit is not None:
        if synchronous_commit not in COMMIT_LEVELS:
            raise ValueError(
                f"synchronous_commit must be one of {COMMIT_LEVELS}, "
                f"not {synchronous_commit!r}"
            )
        options += f" -c synchronous_commit={synchronous_commit}"
    return psycopg.connect(
        dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS, options=options
    )


# --8<-- [start:positions]
def current_lsn(primary: psycopg.Connection) -> str:
    """Where the primary's WAL ends (written out to the OS) right now."""
    row = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()
    assert row is not None
    return row[0]


def replay_lsn(replica: psycopg.Connection) -> str:
    """The last WAL position the replica has applied: what its queries can see."""
    row = replica.execute("SELECT pg_last_wal_replay_lsn()::text").fetchone()
    if row is None or row[0] is None:
        raise RuntimeError("not a standby: pg_last_wal_replay_lsn() is NULL")
    return row[0]


def bytes_behind(replica: psycopg.Connection, lsn: str) -> int:
    """How many bytes of WAL up to `lsn` the replica has not applied (0 if none)."""
    row = replica.execute(
        "SELECT greatest(pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()), 0)",
        (lsn,),
    ).fetchone()
    assert row is not None
    return int(row[0])


# --8<-- [end:positions]


def wait_for_replay(
    replica: psycopg.Connection, lsn: str, timeout: float = CATCH_UP_TIMEOUT_SECONDS
) -> bool:
    """Poll until the replica has applied WAL up to `lsn`; False after `timeout` s."""
    deadline = time.monotonic() + timeout
    while bytes_behind(replica, lsn) > 0:
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_SECONDS)
    return True


# --8<-- [start:pause]
@contextmanager
def paused_replay(replica: psycopg.Connection) -> Iterator[None]:
    """Stop the replica from applying WAL (it still receives and flushes it).

    pg_wal_replay_pause() only requests the pause. Replay checks for a request
    before each record it applies, so WAL that arrives after the call stays
    unapplied, and invisible to the replica's queries, until the block ends.
    """
    replica.execute("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.execute("SELECT pg_wal_replay_resume()")


# --8<-- [end:pause]


@contextmanager
def scratch_table(
    primary: psycopg.Connection, replica: psycopg.Connection, prefix: str, columns: str
) -> Iterator[sql.Identifier]:
    """A table with a random suffix, on the primary and already on the replica.

    `columns` is fixed SQL written by the example (never user input).
    Dropped at the end.
    """
    if not prefix.isidentifier():
        raise ValueError(f"prefix must be a plain identifier, not {prefix!r}")
    table = sql.Identifier(f"{prefix}_{secrets.token_hex(4)}")
    primary.execute(sql.SQL("CREATE TABLE {} ({})").format(table, sql.SQL(columns)))
    try:
        if not wait_for_replay(replica, current_lsn(primary)):
            raise TimeoutError("the replica did not replay the CREATE TABLE in time")
        yield table
    finally:
        primary.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))


def _sync_state(primary: psycopg.Connection, name: str) -> str | None:
    row = primary.execute(
        "SELECT sync_state FROM pg_stat_replication WHERE application_name = %s",
        (name,),
    ).fetchone()
    return None if row is None else row[0]


def _wait_for_sync_state(primary: psycopg.Connection, name: str, wanted: str) -> None:
    deadline = time.monotonic() + CATCH_UP_TIMEOUT_SECONDS
    while (state := _sync_state(primary, name)) != wanted:
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{name} is {state!r}, not {wanted!r}, after reload")
        time.sleep(POLL_SECONDS)


# --8<-- [start:synchronous]
@contextmanager
def synchronous_standby(
    primary: psycopg.Connection, name: str = REPLICA_NAME
) -> Iterator[None]:
    """Make standby `name` synchronous for the block, then asynchronous again.

    ALTER SYSTEM writes postgresql.auto.conf; pg_reload_conf() only signals
    the server's processes. Two of them must reread it. The walsender sets
    the standby's priority, which pg_stat_replication shows as sync_state.
    The checkpointer sets the shared flag that tells each commit whether to
    wait at all (syncrep.c), and it handles a pending reload before it starts
    a checkpoint, so a CHECKPOINT that has returned means the flag is set.
    """
    # A utility statement takes no bind parameters: quote the name client-side.
    primary.execute(
        sql.SQL("ALTER SYSTEM SET synchronous_standby_names = {}").format(
            sql.Literal(name)
        )
    )
    try:
        primary.execute("SELECT pg_reload_conf()")
        _wait_for_sync_state(primary, name, "sync")
        primary.execute("CHECKPOINT")
        yield
    finally:
        primary.execute("ALTER SYSTEM RESET synchronous_standby_names")
        primary.execute("SELECT pg_reload_conf()")
        _wait_for_sync_state(primary, name, "async")
        primary.execute("CHECKPOINT")


# --8<-- [end:synchronous]


if __name__ == "__main__":
    with connect(pg_primary_dsn()) as primary, connect(pg_replica_dsn()) as replica:
        row = replica.execute("SELECT pg_is_in_recovery()").fetchone()
        print("the replica is a standby:", row is not None and row[0])
        #> the replica is a standby: True
        print("caught up:", wait_for_replay(replica, current_lsn(primary)))
        #> caught up: True
