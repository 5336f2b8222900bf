"""Two real PostgreSQL sessions, A and B, in a private schema that is dropped after.

The anomaly examples drive A and B step by step from one thread. A third
connection, the monitor, runs in autocommit mode and asks the server whether a
session is waiting on a lock; it never takes part in the story.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import IsolationLevel, sql

from examples.server_settings import CONNECT_TIMEOUT_SECONDS, postgres_dsn

# A step that waits on a lock gives up after this long instead of hanging a test.
LOCK_TIMEOUT = "10s"


@dataclass(frozen=True)
class Sessions:
    """Session A, session B and a monitor connection, all in one private schema."""

    a: psycopg.Connection
    b: psycopg.Connection
    monitor: psycopg.Connection

    def is_waiting_on_lock(self, session: psycopg.Connection) -> bool:
        """True while the server reports `session` blocked on a lock."""
        row = self.monitor.execute(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
            (session.info.backend_pid,),
        ).fetchone()
        return bool(row and row[0])


def _connect(dsn: str, schema: str, *, autocommit: bool) -> psycopg.Connection:
    options = f"-c search_path={schema} -c lock_timeout={LOCK_TIMEOUT}"
    return psycopg.connect(
        dsn,
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        options=options,
    )


# --8<-- [start:two_sessions]
@contextmanager
def two_sessions(setup_sql: str, dsn: str | None = None) -> Iterator[Sessions]:
    """Create a private schema, run `setup_sql` in it, yield A, B and a monitor.

    The schema is dropped on the way out, even when the body fails.
    """
    dsn = dsn or postgres_dsn()
    schema = f"ex_txn_{secrets.token_hex(6)}"
    with psycopg.connect(
        dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS
    ) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            with _connect(dsn, schema, autocommit=True) as setup:
                setup.execute(setup_sql.encode())
            with (
                _connect(dsn, schema, autocommit=False) as a,
                _connect(dsn, schema, autocommit=False) as b,
                _connect(dsn, schema, autocommit=True) as monitor,
            ):
                yield Sessions(a=a, b=b, monitor=monitor)
        finally:
            admin.execute(
                sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema))
            )
            # --8<-- [end:two_sessions]


def begin(session: psycopg.Connection, level: IsolationLevel) -> None:
    """Start a transaction at `level`.

    With autocommit off, psycopg sends `BEGIN ISOLATION LEVEL <level>` before
    the first statement; asking for the level makes that happen now. The
    snapshot of REPEATABLE READ and SERIALIZABLE comes later, with the first
    query (SHOW does not take one).
    """
    if session.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise RuntimeError("session is already inside a transaction")
    session.isolation_level = level
    session.execute("SHOW transaction_isolation")


def level_name(level: IsolationLevel) -> str:
    """'READ COMMITTED' for IsolationLevel.READ_COMMITTED, as SQL spells it."""
    return level.name.replace("_", " ")
