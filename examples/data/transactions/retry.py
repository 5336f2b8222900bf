"""Retry a transaction that the database aborted to keep it serializable.

Under REPEATABLE READ and SERIALIZABLE, PostgreSQL cancels a transaction with
SQLSTATE 40001 (serialization_failure) instead of letting an anomaly through,
and any level can hit 40P01 (deadlock_detected). Both mean "the server aborted
the transaction, nothing it wrote will be committed: run all of it again".
PostgreSQL's manual (section 13.5) adds that a unique or exclusion violation
(23505, 23P01) can be a serialization failure in disguise when the key came
from an earlier read; only the caller knows, so this helper leaves them alone.
Retrying any other error, a check violation or a syntax error, only repeats it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

import psycopg

T = TypeVar("T")

# --8<-- [start:retry]
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def run_transaction(
    session: psycopg.Connection,
    work: Callable[[psycopg.Connection], T],
    *,
    attempts: int = 5,
    base_delay: float = 0.05,
    max_delay: float = 2.0,
    rng: random.Random | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `work(session)` in a transaction, retrying serialization failures.

    `work` must do ALL its reads and writes through `session`, so a retry
    re-reads the data the failed attempt decided on. Between attempts it
    sleeps a random time in [0, min(max_delay, base_delay * 2**n)] ("full
    jitter"), so sessions that collided once do not collide again in step.
    Raises RuntimeError if `session` is already inside a transaction.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    if base_delay < 0 or max_delay < 0:
        raise ValueError("delays must not be negative")
    # Inside an open transaction, session.transaction() only sets a SAVEPOINT:
    # each retry would roll back to it and read the same stale snapshot again.
    if session.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise RuntimeError(
            "session is already inside a transaction: commit or roll it back"
            " first, so that each attempt starts a new one"
        )
    rng = rng or random.Random()
    for attempt in range(attempts):
        try:
            with session.transaction():  # ROLLBACK on error, COMMIT at the end
                return work(session)
        except psycopg.Error as error:
            if error.sqlstate not in RETRYABLE_SQLSTATES or attempt + 1 == attempts:
                raise
            sleep(rng.uniform(0, min(max_delay, base_delay * 2**attempt)))
    raise AssertionError("unreachable: the loop returns or raises")
    # --8<-- [end:retry]
