"""A real stale read: write on a PostgreSQL 15 primary, read its streaming replica.

Replay on the replica is paused for the demo (pg_wal_replay_pause), which makes
the lag that a busy replica has by accident happen on purpose, every run.
Times in the history are step numbers: the calls run one after another.
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
from examples.system_design.consistency.checker import MODELS, SHORT_NAMES, classify
from examples.system_design.consistency.history import History, Op

STATEMENT_TIMEOUT_MS = 5_000
CATCH_UP_SECONDS = 10


def connect(dsn: str) -> psycopg.Connection:
    return psycopg.connect(
        dsn,
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    )


# --8<-- [start:catch_up]
def wait_for_replay(replica: psycopg.Connection, lsn: str) -> bool:
    """Wait until the replica has replayed the WAL up to `lsn` (a commit's position)."""
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while time.monotonic() < deadline:
        row = replica.execute(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)
        ).fetchone()
        if row and row[0]:
            return True
        time.sleep(0.01)
    return False


# --8<-- [end:catch_up]


@contextmanager
def replay_paused(replica: psycopg.Connection) -> Iterator[None]:
    """Hold the replica's replay of new WAL; always resume it afterwards."""
    replica.execute("SELECT pg_wal_replay_pause()")
    try:
        # The call only requests a pause ("pause requested"); wait until it holds.
        deadline = time.monotonic() + CATCH_UP_SECONDS
        state = "SELECT pg_get_wal_replay_pause_state()"
        while replica.execute(state).fetchone() != ("paused",):
            if time.monotonic() >= deadline:
                raise TimeoutError("the replica did not pause replay in time")
            time.sleep(0.01)
        yield
    finally:
        replica.execute("SELECT pg_wal_replay_resume()")


class Steps:
    """Invoke and response times for calls made one after another."""

    def __init__(self) -> None:
        self.now = 0

    def call(self, process: str, kind: str, value: int) -> Op:
        op = Op(process, kind, "x", value, self.now, self.now + 1)
        self.now += 2
        return op


def verdict_line(history: History) -> str:
    verdict = classify(history)
    return "  ".join(f"{SHORT_NAMES[m]} {'yes' if verdict[m] else '-'}" for m in MODELS)


def main(primary_dsn: str, replica_dsn: str) -> list[str]:
    """Run the demo; return the lines it prints."""
    lines = []
    table = sql.Identifier(f"consistency_{secrets.token_hex(4)}")
    with connect(primary_dsn) as primary, connect(replica_dsn) as replica:
        primary.execute(
            sql.SQL("CREATE TABLE {} (k text PRIMARY KEY, v integer NOT NULL)").format(
                table
            )
        )
        try:
            primary.execute(sql.SQL("INSERT INTO {} VALUES ('x', 0)").format(table))
            created = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
            if not wait_for_replay(replica, str(created)):
                raise TimeoutError("the replica did not replay the new table in time")
            read = sql.SQL("SELECT v FROM {} WHERE k = 'x'").format(table)
            update = sql.SQL("UPDATE {} SET v = %s WHERE k = 'x'").format(table)

            # --8<-- [start:stale]
            steps = Steps()
            with replay_paused(replica):
                primary.execute(update, (1,))  # autocommit: committed on return
                # At or past the commit record, which the commit flushed.
                commit_lsn = str(
                    primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
                )
                wrote = steps.call("app", "w", 1)
                (on_replica,) = replica.execute(read).fetchone()
                stale = steps.call("app", "r", on_replica)
                (on_primary,) = primary.execute(read).fetchone()
                fresh = steps.call("app", "r", on_primary)
            lines.append(
                f"app wrote 1; replica says {on_replica}, primary says {on_primary}"
            )
            lines.append(verdict_line(History([wrote, stale, fresh])))
            # --8<-- [end:stale]

            # --8<-- [start:fixed]
            # Read your writes on a replica: wait until it has replayed your commit.
            caught_up = wait_for_replay(replica, commit_lsn)
            (after_wait,) = replica.execute(read).fetchone()
            waited = steps.call("app", "r", after_wait)
            lines.append(
                f"replica replayed the commit: {caught_up}; replica says {after_wait}"
            )
            lines.append(verdict_line(History([wrote, waited])))
            # --8<-- [end:fixed]
        finally:
            primary.execute(sql.SQL("DROP TABLE {}").format(table))
    return lines


if __name__ == "__main__":
    # --8<-- [start:output]
    for line in main(pg_primary_dsn(), pg_replica_dsn()):
        print(line)
        #> app wrote 1; replica says 0, primary says 1
        #> lin -  seq -  causal -  ryw -  mr yes
        #> replica replayed the commit: True; replica says 1
        #> lin yes  seq yes  causal yes  ryw yes  mr yes
    # --8<-- [end:output]
