"""Retry a MariaDB (InnoDB) transaction on the errors that mean "run it again".

MariaDB reports these by error number, and they do not all leave the same
state behind:

- 1213 (deadlock, SQLSTATE 40001): InnoDB rolled back the whole transaction.
- 1020 ("Record has changed since last read", SQLSTATE HY000): InnoDB raises
  it only with innodb_snapshot_isolation=ON; the whole transaction is rolled
  back too.
- 1205 (lock wait timeout, SQLSTATE HY000): only the STATEMENT is rolled back,
  unless the server runs with innodb_rollback_on_timeout. The transaction
  stays open with its earlier writes and locks, and a new START TRANSACTION
  would COMMIT them. So roll back before anything else.

The helper rolls back after every failure, whichever it was, then retries
the whole transaction with jittered backoff, as retry.py does on PostgreSQL.
"""

# requires-server: mariadb

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable
from typing import TypeVar

import pymysql

from examples.data.transactions.maria_sessions import begin, query

T = TypeVar("T")

# --8<-- [start:retry]
DEADLOCK, LOCK_WAIT_TIMEOUT, RECORD_CHANGED = 1213, 1205, 1020
RETRYABLE_ERRORS = frozenset({DEADLOCK, LOCK_WAIT_TIMEOUT, RECORD_CHANGED})


def run_transaction(
    session: pymysql.connections.Connection,
    work: Callable[[pymysql.connections.Connection], T],
    *,
    level: str = "REPEATABLE READ",
    attempts: int = 5,
    base_delay: float = 0.05,
    max_delay: float = 2.0,
    rng: random.Random | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `work(session)` in a transaction at `level`, retrying the errors above.

    `work` does all its reads and writes through `session`. Raises RuntimeError
    if `session` is already inside a transaction: START TRANSACTION would
    silently commit it.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    if base_delay < 0 or max_delay < 0:
        raise ValueError("delays must not be negative")
    if query(session, "SELECT @@in_transaction")[0][0]:
        raise RuntimeError(
            "session is already inside a transaction: commit or roll it back first"
        )
    rng = rng or random.Random()
    for attempt in range(attempts):
        try:
            begin(session, level)  # SET TRANSACTION ISOLATION LEVEL, then START
            result = work(session)
            session.commit()
            return result
        except BaseException as error:
            # 1213 and 1020 ended the transaction already; 1205 did not. If the
            # ROLLBACK itself fails, the connection is gone, and the server
            # rolls back the transaction of a connection that closes.
            with contextlib.suppress(pymysql.MySQLError):
                session.rollback()
            is_server_error = isinstance(error, pymysql.MySQLError) and error.args
            code = error.args[0] if is_server_error else None
            if code not in RETRYABLE_ERRORS or attempt + 1 == attempts:
                raise
        sleep(rng.uniform(0, min(max_delay, base_delay * 2**attempt)))
    raise AssertionError("unreachable: the loop returns or raises")
    # --8<-- [end:retry]
