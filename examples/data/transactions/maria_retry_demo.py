"""The MariaDB retry helper against a real deadlock and a real lock wait timeout.

Deadlock: A moves 30 from alice to bob while B moves 10 from bob to alice, so
each holds the row the other needs. InnoDB rolls back the transaction that
has written less (B), and the helper runs B again after A commits.

Lock wait timeout: A holds alice's row. B credits bob, then waits for alice
until its one-second timeout. Only that statement is rolled back; the helper
rolls back the rest, so bob's credit is applied once, not twice.
"""

# requires-server: mariadb

from __future__ import annotations

import random

import pymysql

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_retry import run_transaction
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings

MOVE = "UPDATE accounts SET balance = balance + %s WHERE id = %s"
LEDGER_SQL = [*ACCOUNTS_SQL, "CREATE TABLE ledger (note VARCHAR(40)) ENGINE=InnoDB"]


def balances(session: pymysql.connections.Connection) -> tuple[int, int]:
    result = balance(session, 1), balance(session, 2)
    session.commit()
    return result


# --8<-- [start:deadlock]
def opposite_transfers(
    settings: MariaDBSettings | None = None,
) -> tuple[tuple[int, int], int]:
    """Returns ((alice, bob) at the end, how many times B's transaction ran)."""
    with two_sessions(LEDGER_SQL, settings) as s:
        begin(s.a, "REPEATABLE READ")
        query(s.a, "INSERT INTO ledger VALUES ('alice to bob: 30')")
        query(s.a, MOVE, (-30, 1))  # 1. A debits alice: A locks alice's row
        runs: list[None] = []

        def b_moves_10_to_alice(session: pymysql.connections.Connection) -> None:
            runs.append(None)
            query(session, MOVE, (-10, 2))  # 2. B debits bob: B locks bob's row
            if len(runs) > 1:
                query(session, MOVE, (10, 1))
                return
            deadlock: list[pymysql.MySQLError] = []

            def b_credits_alice() -> None:  # 4. B needs alice: a cycle
                try:
                    query(session, MOVE, (10, 1))
                except pymysql.MySQLError as error:
                    deadlock.append(error)  # B is the victim: it wrote less

            def a_credits_bob() -> None:  # 3. A needs bob: it waits for B
                query(s.a, MOVE, (30, 2))
                s.a.commit()

            run_blocked_step(
                a_credits_bob,
                is_waiting=lambda: s.is_waiting_on_lock(s.a),
                release=b_credits_alice,
                poll_seconds=s.poll_seconds,
            )
            raise deadlock[0]  # error 1213; A has committed by now

        run_transaction(s.b, b_moves_10_to_alice, sleep=lambda _: None)
        return balances(s.a), len(runs)
        # --8<-- [end:deadlock]


# --8<-- [start:timeout]
def transfer_after_timeout(
    settings: MariaDBSettings | None = None,
) -> tuple[tuple[int, int], int, list[float]]:
    """Returns ((alice, bob) at the end, B's runs, the backoff delays)."""
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        query(s.b, "SET SESSION innodb_lock_wait_timeout = 1")  # seconds
        begin(s.a, "REPEATABLE READ")
        query(s.a, "UPDATE accounts SET owner = 'Alice' WHERE id = 1")  # A holds it
        runs: list[None] = []

        def b_moves_10_to_bob(session: pymysql.connections.Connection) -> None:
            runs.append(None)
            query(session, MOVE, (10, 2))  # B credits bob
            query(session, MOVE, (-10, 1))  # first run: waits 1 s, error 1205

        slept: list[float] = []

        def back_off(delay: float) -> None:
            slept.append(round(delay, 4))
            s.a.commit()  # A finishes while B backs off

        run_transaction(s.b, b_moves_10_to_bob, rng=random.Random(3), sleep=back_off)
        return balances(s.a), len(runs), slept
        # --8<-- [end:timeout]


if __name__ == "__main__":
    # --8<-- [start:run]
    (alice, bob), runs = opposite_transfers()
    print(f"deadlock: B ran {runs} times; alice {alice}, bob {bob}")
    #> deadlock: B ran 2 times; alice 80, bob 120
    (alice, bob), runs, slept = transfer_after_timeout()
    print(
        f"timeout: B ran {runs} times, backed off {slept} s; alice {alice}, bob {bob}"
    )
    #> timeout: B ran 2 times, backed off [0.0119] s; alice 90, bob 110
    # --8<-- [end:run]
