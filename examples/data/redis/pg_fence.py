"""Fencing tokens that a Redis failover cannot repeat: drawn from PostgreSQL, checked by PostgreSQL.

The Redis lock decides who should do the work; it only saves duplicate work.
Correctness comes from here. Each holder draws the next fence for the lock's
name in a committed transaction, and every write to the protected rows checks,
in the same transaction, that no newer fence has been drawn since. Redis may
grant the lock twice or hand out a fence twice; a stale holder's write is
still refused. PostgreSQL's own failover must not lose a draw either (next_fence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from examples import scratch_postgres
from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

# A fence row locked by a slow writer makes a new draw wait, never hang.
LOCK_TIMEOUT = "5s"

_LOCK_NAME = re.compile(r"[A-Za-z0-9_.:-]{1,128}")

# --8<-- [start:schema]
SCHEMA = """
CREATE TABLE lock_fences (
    name  text PRIMARY KEY,
    fence bigint NOT NULL          -- the newest fence drawn for this lock
);
CREATE TABLE reports (
    id    text PRIMARY KEY,
    body  text NOT NULL,
    fence bigint NOT NULL          -- the fence of the holder that wrote it
);
"""
# --8<-- [end:schema]


def _check_name(lock_name: str) -> None:
    if not _LOCK_NAME.fullmatch(lock_name):
        raise ValueError(
            f"lock_name must match {_LOCK_NAME.pattern}, got {lock_name!r}"
        )


# --8<-- [start:fence]
def next_fence(conn: psycopg.Connection, lock_name: str) -> int:
    """Draw the next fence for `lock_name`: 1, 2, 3, ... committed before it returns.

    With synchronous_commit on (the default), a committed UPDATE survives a
    crash and restart of this server, so no two holders get the same fence,
    whatever Redis does. A failover keeps that promise only if the promoted
    standby had the commit: with asynchronous replication, PostgreSQL's
    default, it may not, and the next draw repeats a fence someone holds.
    """
    _check_name(lock_name)
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        # Inside a caller's transaction this would be a savepoint, uncommitted.
        raise ValueError("draw a fence outside any transaction, so it commits")
    with conn.transaction():
        row = conn.execute(
            """
            INSERT INTO lock_fences (name, fence) VALUES (%s, 1)
            ON CONFLICT (name) DO UPDATE SET fence = lock_fences.fence + 1
            RETURNING fence
            """,
            (lock_name,),
        ).fetchone()
    assert row is not None  # INSERT ... RETURNING always returns the row
    return int(row[0])


def write_report(
    conn: psycopg.Connection, lock_name: str, fence: int, report_id: str, body: str
) -> bool:
    """Write the report only if `fence` is still the newest drawn for `lock_name`.

    FOR SHARE holds the fence row until COMMIT, so a holder drawing a newer
    fence waits for this write to finish: the check and the write are one step.
    At READ COMMITTED (the default) a draw in progress makes this check wait,
    then read the new fence; at REPEATABLE READ or above it raises instead.
    """
    _check_name(lock_name)
    with conn.transaction():
        current = conn.execute(
            "SELECT fence FROM lock_fences WHERE name = %s FOR SHARE",
            (lock_name,),
        ).fetchone()
        if current is None or current[0] != fence:
            return False  # a newer holder exists: this lease is over
        conn.execute(
            """
            INSERT INTO reports (id, body, fence) VALUES (%s, %s, %s)
            ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, fence = EXCLUDED.fence
            """,
            (report_id, body, fence),
        )
    return True


# --8<-- [end:fence]


def connect(schema: str, dsn: str | None = None) -> psycopg.Connection:
    """An autocommit connection to `schema`: each transaction() block commits on exit."""
    return psycopg.connect(
        dsn or postgres_dsn(),
        autocommit=True,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=f"-c search_path={schema} -c lock_timeout={LOCK_TIMEOUT}",
    )


@contextmanager
def fence_schema(dsn: str | None = None) -> Iterator[str]:
    """Create a private schema with the tables above; drop it on the way out."""
    with scratch_postgres.scratch_schema("ex_fence", dsn) as schema:
        with connect(schema, dsn) as setup:
            setup.execute(SCHEMA.encode())  # several statements: no parameters
        yield schema
