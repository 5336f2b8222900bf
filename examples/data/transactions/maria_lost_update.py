"""Lost update on MariaDB (InnoDB): where it differs from PostgreSQL.

Read-modify-write of a balance, as in pg_lost_update.py. PostgreSQL's
REPEATABLE READ rejects the second writer; MariaDB's, by default, lets it
overwrite, because an UPDATE in InnoDB works on the latest committed row, not
on the transaction's snapshot. `innodb_snapshot_isolation = ON` makes it
reject the write with error 1020 and roll back the whole transaction. The
setting arrived in 10.6.18 and 10.11.8, off by default; from 11.6.2 it is on.
"""

# requires-server: mariadb

from __future__ import annotations

import pymysql

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings

SET_BALANCE = "UPDATE accounts SET balance = %s WHERE id = 1"


# --8<-- [start:plain]
def deposit_race(
    level: str,
    *,
    snapshot_isolation: bool = False,
    settings: MariaDBSettings | None = None,
) -> tuple[int, str]:
    """Both sessions read, then both write read+10. Returns (final, B's fate)."""
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        for session in (s.a, s.b):
            query(
                session,
                "SET SESSION innodb_snapshot_isolation = %s",
                ("ON" if snapshot_isolation else "OFF",),
            )
        begin(s.a, level)
        a_read = balance(s.a, 1)  # 1. A reads 100
        begin(s.b, level)
        b_read = balance(s.b, 1)  # 2. B reads 100
        query(s.a, SET_BALANCE, (a_read + 10,))
        s.a.commit()  # 3. A writes 110 and commits
        try:
            query(s.b, SET_BALANCE, (b_read + 10,))  # 4. B writes 110 over it
            s.b.commit()
            fate = "committed"
        except pymysql.MySQLError as error:
            s.b.rollback()
            fate = f"rolled back, error {error.args[0]}"
        final = balance(s.a, 1)
        s.a.commit()
        return final, fate
        # --8<-- [end:plain]


# --8<-- [start:serializable]
def deposit_race_serializable(
    settings: MariaDBSettings | None = None,
) -> tuple[int, str, str]:
    """SERIALIZABLE: both reads take shared locks, so the two writes deadlock.

    Returns (final balance, A's fate, B's fate).
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, "SERIALIZABLE")
        a_read = balance(s.a, 1)  # 1. A reads 100, holding a shared lock
        begin(s.b, "SERIALIZABLE")
        b_read = balance(s.b, 1)  # 2. B reads 100, holding a shared lock
        fates: dict[str, str] = {}

        def write(
            name: str, session: pymysql.connections.Connection, value: int
        ) -> None:
            try:
                query(session, SET_BALANCE, (value,))
                session.commit()
                fates[name] = "committed"
            except pymysql.MySQLError as error:
                session.rollback()
                fates[name] = f"rolled back, error {error.args[0]}"

        run_blocked_step(
            lambda: write("A", s.a, a_read + 10),  # 3. A's write waits for B's lock
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            poll_seconds=s.poll_seconds,
            release=lambda: write("B", s.b, b_read + 10),  # 4. B's write: deadlock
        )
        final = balance(s.a, 1)
        s.a.commit()
        return final, fates["A"], fates["B"]
        # --8<-- [end:serializable]


# --8<-- [start:locked]
def deposit_race_for_update(
    level: str, *, settings: MariaDBSettings | None = None
) -> int:
    """Each session reads with SELECT ... FOR UPDATE. Returns the final balance.

    Raises StepDidNotBlockError if B's locking read did not wait for A.
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, level)
        begin(s.b, level)

        def deposit(session: pymysql.connections.Connection) -> None:
            rows = query(
                session, "SELECT balance FROM accounts WHERE id = 1 FOR UPDATE"
            )
            query(session, SET_BALANCE, (rows[0][0] + 10,))
            session.commit()

        query(s.a, "SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")  # 1. A locks
        query(s.a, SET_BALANCE, (110,))  # 2. A writes 110, not committed
        run_blocked_step(
            lambda: deposit(s.b),  # 3. B's locking read waits for A
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            poll_seconds=s.poll_seconds,
            release=s.a.commit,  # 4. A commits; B reads 110 and writes 120
        )
        final = balance(s.a, 1)
        s.a.commit()
        return final
        # --8<-- [end:locked]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level, snapshot in (
        ("READ UNCOMMITTED", False),
        ("READ COMMITTED", False),
        ("REPEATABLE READ", False),
        ("REPEATABLE READ", True),
    ):
        final, fate = deposit_race(level, snapshot_isolation=snapshot)
        setting = "ON" if snapshot else "OFF"
        print(f"{level}, snapshot isolation {setting}: final {final}, B {fate}")
        #> READ UNCOMMITTED, snapshot isolation OFF: final 110, B committed
        #> READ COMMITTED, snapshot isolation OFF: final 110, B committed
        #> REPEATABLE READ, snapshot isolation OFF: final 110, B committed
        #> REPEATABLE READ, snapshot isolation ON: final 110, B rolled back, error 1020
    final, a_fate, b_fate = deposit_race_serializable()
    print(f"SERIALIZABLE: final {final}, A {a_fate}, B {b_fate}")
    #> SERIALIZABLE: final 110, A committed, B rolled back, error 1213
    for level in ("READ COMMITTED", "REPEATABLE READ"):
        print(f"{level} + FOR UPDATE: final {deposit_race_for_update(level)}")
        #> READ COMMITTED + FOR UPDATE: final 120
        #> REPEATABLE READ + FOR UPDATE: final 120
    # --8<-- [end:run]
