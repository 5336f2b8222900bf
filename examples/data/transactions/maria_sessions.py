"""Two real MariaDB sessions, A and B, in a private database dropped after.

MariaDB has no `BEGIN ISOLATION LEVEL ...`; the equivalent is
`SET TRANSACTION ISOLATION LEVEL ...` (which applies to the next transaction
only) followed by `START TRANSACTION`.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass

import pymysql

from examples.server_settings import (
    CONNECT_TIMEOUT_SECONDS,
    MariaDBSettings,
    mariadb_settings,
)

LEVELS = frozenset(
    {"READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"}
)
# InnoDB serves information_schema.innodb_trx from a cache that it refreshes
# only when nobody has read it for 0.1 s; polling faster keeps it stale forever.
POLL_SECONDS = 0.15
# Seconds a statement waits for a row lock before failing with error 1205.
LOCK_WAIT_TIMEOUT = 10
# One story at a time may poll innodb_trx: two monitors polling at once (two
# test workers) read the cache often enough that it is never refreshed, and a
# lock wait is never seen. The monitor holds this named server lock for the
# whole story, so stories on other connections take turns.
MONITOR_LOCK = "handbook_innodb_trx_monitor"
MONITOR_LOCK_WAIT_SECONDS = 300


@dataclass(frozen=True)
class Sessions:
    """Session A, session B and a monitor connection, all in one private database."""

    a: pymysql.connections.Connection
    b: pymysql.connections.Connection
    monitor: pymysql.connections.Connection

    poll_seconds: float = POLL_SECONDS

    def is_waiting_on_lock(self, session: pymysql.connections.Connection) -> bool:
        """True while InnoDB reports `session`'s transaction in LOCK WAIT."""
        with self.monitor.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.innodb_trx"
                " WHERE trx_mysql_thread_id = %s AND trx_state = 'LOCK WAIT'",
                (session.thread_id(),),
            )
            return cursor.fetchone()[0] > 0


def _connect(
    settings: MariaDBSettings, database: str | None, *, autocommit: bool
) -> pymysql.connections.Connection:
    connection = pymysql.connect(
        host=settings.host,
        port=settings.port,
        user=settings.user,
        password=settings.password,
        database=database,
        autocommit=autocommit,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=LOCK_WAIT_TIMEOUT + 5,
        write_timeout=LOCK_WAIT_TIMEOUT + 5,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SET SESSION innodb_lock_wait_timeout = %s", (LOCK_WAIT_TIMEOUT,)
            )
    except BaseException:
        connection.close()
        raise
    return connection


def query(session: pymysql.connections.Connection, sql: str, args: tuple = ()) -> list:
    """Run one statement on `session` and return its rows."""
    with session.cursor() as cursor:
        cursor.execute(sql, args)
        return list(cursor.fetchall())


@contextmanager
def two_sessions(
    setup_sql: list[str], settings: MariaDBSettings | None = None
) -> Iterator[Sessions]:
    """Create a private database, run `setup_sql` in it, yield A, B and a monitor.

    On the way out every connection is closed and the database dropped, even
    when the body, the setup or one of the connections fails.
    """
    settings = settings or mariadb_settings()
    database = f"ex_txn_{secrets.token_hex(6)}"
    with ExitStack() as stack:
        admin = stack.enter_context(closing(_connect(settings, None, autocommit=True)))
        query(admin, f"CREATE DATABASE `{database}`")  # name is ours: hex only
        stack.callback(query, admin, f"DROP DATABASE `{database}`")
        a, b, monitor = [
            stack.enter_context(closing(_connect(settings, database, autocommit=auto)))
            for auto in (False, False, True)
        ]
        _take_monitor_lock(monitor)
        stack.callback(query, monitor, "SELECT RELEASE_LOCK(%s)", (MONITOR_LOCK,))
        for statement in setup_sql:
            query(monitor, statement)
        yield Sessions(a=a, b=b, monitor=monitor)


def _take_monitor_lock(monitor: pymysql.connections.Connection) -> None:
    # In steps shorter than the connection's read timeout, so a long wait for
    # another story is not mistaken for a dead server.
    deadline = time.monotonic() + MONITOR_LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        step = min(LOCK_WAIT_TIMEOUT, max(1, int(deadline - time.monotonic())))
        if query(monitor, "SELECT GET_LOCK(%s, %s)", (MONITOR_LOCK, step)) == [(1,)]:
            return
    raise TimeoutError(
        f"another session held {MONITOR_LOCK} for {MONITOR_LOCK_WAIT_SECONDS} s"
    )


# --8<-- [start:begin]
def begin(session: pymysql.connections.Connection, level: str) -> None:
    """Start a transaction at `level` (one of LEVELS).

    Inside a transaction the server refuses SET TRANSACTION (error 1568);
    START TRANSACTION on its own would commit the open one.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown isolation level {level!r}")
    query(session, f"SET TRANSACTION ISOLATION LEVEL {level}")  # allow-listed above
    query(session, "START TRANSACTION")
    # --8<-- [end:begin]


ACCOUNTS_SQL = [
    "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20) NOT NULL,"
    " balance INT NOT NULL, KEY by_balance (balance)) ENGINE=InnoDB",
    "INSERT INTO accounts VALUES (1, 'alice', 100), (2, 'bob', 100)",
]


def balance(session: pymysql.connections.Connection, account_id: int) -> int:
    """The balance of one account as `session` sees it right now."""
    rows = query(session, "SELECT balance FROM accounts WHERE id = %s", (account_id,))
    if not rows:
        raise LookupError(f"no account {account_id}")
    return int(rows[0][0])
