"""The write-skew race under SERIALIZABLE, with B's transaction retried.

B's first attempt is cancelled with 40001; the retry reads the rota again,
sees that only bob is left on call, and commits the right decision.
"""

# requires-server: postgres

from __future__ import annotations

import random
from collections.abc import Callable

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.pg_sessions import two_sessions
from examples.data.transactions.pg_write_skew import DOCTORS_SQL, GO_OFF, ON_CALL
from examples.data.transactions.retry import run_transaction


def _nothing() -> None:
    return None


# --8<-- [start:body]
def go_off_call(
    name: str, after_check: Callable[[], None] = _nothing
) -> Callable[[psycopg.Connection], bool]:
    """A transaction body: leave the rota only if someone else stays on call.

    `after_check` runs between the check and the write; the demo uses it to
    make the race happen on purpose.
    """

    def work(session: psycopg.Connection) -> bool:
        covered = session.execute(ON_CALL).fetchone()[0] >= 2
        after_check()
        if not covered:
            return False
        session.execute(GO_OFF, (name,))
        return True

    return work
    # --8<-- [end:body]


# --8<-- [start:demo]
def race_with_retry(dsn: str | None = None) -> tuple[bool, bool, int, list[float]]:
    """Returns (A went off, B went off, B's attempts, the backoff delays slept)."""
    with two_sessions(DOCTORS_SQL, dsn) as s:
        s.a.isolation_level = s.b.isolation_level = IsolationLevel.SERIALIZABLE
        a_result: list[bool] = []
        b_checks: list[None] = []
        slept: list[float] = []

        def a_slips_in() -> None:
            b_checks.append(None)
            if not a_result:  # only during B's first attempt
                a_result.append(run_transaction(s.a, go_off_call("alice")))

        b_result = run_transaction(
            s.b,
            go_off_call("bob", after_check=a_slips_in),
            rng=random.Random(7),  # seeded so the printed delay is stable
            sleep=slept.append,  # record the backoff instead of waiting
        )
        return a_result[0], b_result, len(b_checks), [round(d, 4) for d in slept]
        # --8<-- [end:demo]


if __name__ == "__main__":
    # --8<-- [start:run]
    a_off, b_off, attempts, slept = race_with_retry()
    print(f"A went off call: {a_off}; B went off call: {b_off}")
    #> A went off call: True; B went off call: False
    print(f"B ran {attempts} times; the backoff before the retry: {slept} s")
    #> B ran 2 times; the backoff before the retry: [0.0162] s
    # --8<-- [end:run]
