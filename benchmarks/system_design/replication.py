"""What each synchronous_commit level costs a commit, and how far an async replica lags.

Runs on the scratch primary and streaming replica (tests/support/postgres_pair.py;
`python3 -m tests.support.provisioned postgres-pair` starts one on the default
ports). Both servers share this machine's loopback and disk, so a network hop
costs almost nothing here, while the standby's flushes compete with the
primary's (even `local` can slow down in the synchronous chunks). Read the
shape, not the milliseconds, and expect every remote level to cost at least
one network round trip more in production.

    .venv/bin/python benchmarks/system_design/replication.py
"""

# requires-server: postgres-pair

from __future__ import annotations

import statistics
import time

import psycopg
from psycopg import sql

from benchmarks.timing import quick_mode
from examples.server_settings import pg_primary_dsn, pg_replica_dsn
from examples.system_design.replication.pg import (
    COMMIT_LEVELS,
    bytes_behind,
    connect,
    current_lsn,
    scratch_table,
    synchronous_standby,
    wait_for_replay,
)

CHUNKS = 2 if quick_mode() else 10  # the async and sync setups alternate this often
ROUNDS = 10 if quick_mode() else 60  # commits per level in each chunk
COMMITS = CHUNKS * ROUNDS  # per level and setup
BULK_ROWS = 10_000 if quick_mode() else 300_000  # one INSERT ... SELECT, about 150 B of WAL a row


def commit_times(insert: sql.Composed, conns: dict[str, psycopg.Connection], into: dict[str, list[float]]) -> None:
    """Time ROUNDS one-row autocommit INSERTs per level, the levels taking turns."""
    for _ in range(ROUNDS):
        for level, conn in conns.items():
            start = time.perf_counter()
            conn.execute(insert, (level,))
            into[level].append(time.perf_counter() - start)


def commit_latency(insert: sql.Composed, primary: psycopg.Connection) -> dict[str, tuple[float, float]]:
    """Per level: median ms with the replica asynchronous, and with it synchronous.

    The two setups alternate in CHUNKS, so load from elsewhere on the machine
    falls on both alike.
    """
    conns = {level: connect(pg_primary_dsn(), synchronous_commit=level) for level in COMMIT_LEVELS}
    alone: dict[str, list[float]] = {level: [] for level in COMMIT_LEVELS}
    synced: dict[str, list[float]] = {level: [] for level in COMMIT_LEVELS}
    try:
        commit_times(insert, conns, {level: [] for level in COMMIT_LEVELS})  # warm-up
        for _ in range(CHUNKS):
            commit_times(insert, conns, alone)
            with synchronous_standby(primary):
                commit_times(insert, conns, synced)
    finally:
        for conn in conns.values():
            conn.close()
    ms = {level: (statistics.median(alone[level]), statistics.median(synced[level])) for level in COMMIT_LEVELS}
    return {level: (a * 1e3, b * 1e3) for level, (a, b) in ms.items()}


def bulk_lag(table: sql.Identifier, primary: psycopg.Connection, replica: psycopg.Connection) -> tuple[int, float]:
    """Commit one big INSERT; report how far the replica is behind right then, and its catch-up time."""
    primary.execute(
        sql.SQL("INSERT INTO {} (note) SELECT repeat('x', 100) FROM generate_series(1, %s)").format(table),
        (BULK_ROWS,),
    )
    end = current_lsn(primary)
    behind = bytes_behind(replica, end)
    start = time.perf_counter()
    if not wait_for_replay(replica, end):
        raise TimeoutError("the replica did not catch up after the bulk insert")
    return behind, (time.perf_counter() - start) * 1e3


def main() -> None:
    with (
        connect(pg_primary_dsn()) as primary,
        connect(pg_replica_dsn()) as replica,
        scratch_table(primary, replica, "bench", "id bigserial, note text") as t,
    ):
        insert = sql.SQL("INSERT INTO {} (note) VALUES (%s)").format(t)
        print(f"median of {COMMITS} one-row commits per level, ms (both servers on loopback)")
        print(f"{'synchronous_commit':<20}{'async replica':>14}{'sync replica':>14}{'ratio':>8}")
        for level, (alone, synced) in commit_latency(insert, primary).items():
            print(f"{level:<20}{alone:>14.3f}{synced:>14.3f}{synced / alone:>8.2f}")
        behind, catch_up_ms = bulk_lag(t, primary, replica)
        print(f"one INSERT of {BULK_ROWS:,} rows, async replica, right after COMMIT:")
        print(f"  replica behind: {behind / 1e6:,.1f} MB of WAL; caught up {catch_up_ms:,.0f} ms later")


if __name__ == "__main__":
    main()
