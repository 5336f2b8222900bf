"""Retry a transaction that the database aborted to keep it serializable.

Under REPEATABLE READ and SERIALIZABLE, PostgreSQL cancels a transaction with
SQLSTATE 40001 (serialization_failure) instead of letting an anomaly through,
and any level can hit 40P01 (deadlock_detected). Both mean "nothing was written;
run the whole transaction again". Every other error is a real error: retrying
a constraint violation or a syntax error only repeats it.
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
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    if base_delay < 0 or max_delay < 0:
        raise ValueError("delays must not be negative")
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
