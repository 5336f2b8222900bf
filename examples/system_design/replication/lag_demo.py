"""Replication lag on a real primary and streaming replica, made deterministic.

A replica applies WAL a few milliseconds after the commit, so a read right
after a write only sometimes misses it: a race, not a demo. Pausing replay on
the replica turns that race into a certainty: the WAL still arrives, it just
is not applied until replay resumes.
"""

# requires-server: postgres-pair

from __future__ import annotations

import time

import psycopg
from psycopg import sql

from examples.server_settings import pg_primary_dsn, pg_replica_dsn
from examples.system_design.replication.pg import (
    CATCH_UP_TIMEOUT_SECONDS,
    POLL_SECONDS,
    REPLICA_NAME,
    bytes_behind,
    connect,
    current_lsn,
    paused_replay,
    scratch_table,
    wait_for_replay,
)
from examples.system_design.replication.router import Lsn


def walsender_positions(
    primary: psycopg.Connection, name: str = REPLICA_NAME
) -> dict[str, str]:
    """What the primary knows of the replica: the LSNs it sent, and the replica's reports."""
    row = primary.execute(
        "SELECT sent_lsn::text, write_lsn::text, flush_lsn::text, replay_lsn::text"
        " FROM pg_stat_replication WHERE application_name = %s",
        (name,),
    ).fetchone()
    assert row is not None, f"{name} is not streaming"
    return dict(zip(("sent", "write", "flush", "replay"), row, strict=True))


def wait_for_flush_report(
    primary: psycopg.Connection, lsn: str, name: str = REPLICA_NAME
) -> None:
    """Poll until the replica reports it has flushed `lsn` (it replies per batch)."""
    deadline = time.monotonic() + CATCH_UP_TIMEOUT_SECONDS
    while True:
        row = primary.execute(
            "SELECT flush_lsn >= %s::pg_lsn FROM pg_stat_replication"
            " WHERE application_name = %s",
            (lsn, name),
        ).fetchone()
        if row and row[0]:
            return
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{name} did not report flushing {lsn} in time")
        time.sleep(POLL_SECONDS)


with (
    connect(pg_primary_dsn()) as primary,
    connect(pg_replica_dsn()) as replica,
    scratch_table(primary, replica, "profiles", "id int PRIMARY KEY, bio text") as t,
):
    select_bio = sql.SQL("SELECT bio FROM {} WHERE id = 1").format(t)
    primary.execute(sql.SQL("INSERT INTO {} VALUES (1, 'old bio')").format(t))
    assert wait_for_replay(replica, current_lsn(primary))

    # --8<-- [start:stale]
    with paused_replay(replica):
        primary.execute(sql.SQL("UPDATE {} SET bio = 'new bio' WHERE id = 1").format(t))
        written = current_lsn(primary)  # the write's commit is at or before this
        print("primary:", primary.execute(select_bio).fetchone())
        #> primary: ('new bio',)
        print("replica:", replica.execute(select_bio).fetchone())
        #> replica: ('old bio',)
        print("replica behind the write:", bytes_behind(replica, written) > 0)
        #> replica behind the write: True

        # The WAL did arrive: the replica flushed it, it only did not apply it.
        wait_for_flush_report(primary, written)
        seen = {k: Lsn.parse(v) for k, v in walsender_positions(primary).items()}
        print("replica flushed the write:", seen["flush"] >= Lsn.parse(written))
        #> replica flushed the write: True
        print("replica replayed the write:", seen["replay"] >= Lsn.parse(written))
        #> replica replayed the write: False
    # Replay resumed: the replica catches up and the new bio appears.
    print("caught up:", wait_for_replay(replica, written))
    #> caught up: True
    print("replica:", replica.execute(select_bio).fetchone())
    #> replica: ('new bio',)
    # --8<-- [end:stale]

    # --8<-- [start:monotonic]
    # A pool that load-balances reads over the primary and the replica. The
    # same user refreshes twice; the second request lands on the replica.
    with paused_replay(replica):
        primary.execute(
            sql.SQL("UPDATE {} SET bio = 'newer bio' WHERE id = 1").format(t)
        )
        for refresh, server in enumerate((primary, replica), start=1):
            print(f"refresh {refresh}:", server.execute(select_bio).fetchone())
            #> refresh 1: ('newer bio',)
            #> refresh 2: ('new bio',)
    # --8<-- [end:monotonic]
