"""Dirty reads on MariaDB (InnoDB): READ UNCOMMITTED shows all three kinds.

In Adya's terms: an aborted read (G1a: B reads a value A then rolls back), an
intermediate read (G1b: B reads a value A overwrites before it commits) and
circular information flow (G1c: A and B each read the other's uncommitted
write). READ COMMITTED and REPEATABLE READ read committed snapshots instead.
SERIALIZABLE turns B's plain reads into shared-lock reads, which wait for A.
"""

# requires-server: mariadb

from __future__ import annotations

import pymysql

from examples.data.transactions.lock_wait import run_blocked_step, run_step
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


# --8<-- [start:aborted]
def read_during_uncommitted_write(
    level: str, *, settings: MariaDBSettings | None = None
) -> tuple[int, int]:
    """A writes 999, B reads, A rolls back, B reads again. Returns B's reads."""
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, "READ COMMITTED")
        begin(s.b, level)
        query(s.a, "UPDATE accounts SET balance = 999 WHERE id = 1")  # 1. A
        during = run_step(
            lambda: balance(s.b, 1),  # 2. B reads
            blocks=level == "SERIALIZABLE",  # a shared lock waits for A
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=s.a.rollback,  # 3. A rolls back: 999 never existed
            poll_seconds=s.poll_seconds,
        )
        after = balance(s.b, 1)  # 4. B reads again
        s.b.commit()
        return during, after
        # --8<-- [end:aborted]


# --8<-- [start:intermediate]
def read_intermediate_value(
    level: str, *, settings: MariaDBSettings | None = None
) -> tuple[int, int]:
    """A writes 999, then 150, and commits. What B reads during and after."""
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, "READ COMMITTED")
        begin(s.b, level)
        query(s.a, "UPDATE accounts SET balance = 999 WHERE id = 1")  # 1. A

        def a_finishes() -> None:  # 3. A's final value is 150; it commits
            query(s.a, "UPDATE accounts SET balance = 150 WHERE id = 1")
            s.a.commit()

        during = run_step(
            lambda: balance(s.b, 1),  # 2. B reads
            blocks=level == "SERIALIZABLE",
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=a_finishes,
            poll_seconds=s.poll_seconds,
        )
        after = balance(s.b, 1)  # 4. B reads again
        s.b.commit()
        return during, after
        # --8<-- [end:intermediate]


# --8<-- [start:circular]
def read_each_others_writes(
    level: str, *, settings: MariaDBSettings | None = None
) -> tuple[dict[str, int], dict[str, str]]:
    """A writes alice's row, B bob's; then A reads bob's row and B alice's.

    Returns (what each session read, each session's fate). A session that was
    rolled back before its read is missing from the first dict.
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, level)
        begin(s.b, level)
        query(s.a, "UPDATE accounts SET balance = 110 WHERE id = 1")  # 1. A
        query(s.b, "UPDATE accounts SET balance = 120 WHERE id = 2")  # 2. B
        if level != "SERIALIZABLE":
            seen = {"A": balance(s.a, 2), "B": balance(s.b, 1)}  # 3. and 4.
            s.a.commit()
            s.b.commit()
            return seen, {"A": "committed", "B": "committed"}
        # SERIALIZABLE: each read waits for the other's write lock, a deadlock.
        seen: dict[str, int] = {}
        fates: dict[str, str] = {}

        def read_and_commit(
            name: str, session: pymysql.connections.Connection, account_id: int
        ) -> None:
            try:
                seen[name] = balance(session, account_id)
                session.commit()
                fates[name] = "committed"
            except pymysql.MySQLError as error:
                session.rollback()
                fates[name] = f"rolled back, error {error.args[0]}"

        run_blocked_step(
            lambda: read_and_commit("A", s.a, 2),  # 3. A reads bob: waits for B
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            release=lambda: read_and_commit("B", s.b, 1),  # 4. B reads alice
            poll_seconds=s.poll_seconds,
        )
        return seen, fates
        # --8<-- [end:circular]


LEVELS = ("READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE")

if __name__ == "__main__":
    # --8<-- [start:run]
    for level in LEVELS:
        during, after = read_during_uncommitted_write(level)
        print(f"G1a, {level}: B read {during}, then {after}")
        #> G1a, READ UNCOMMITTED: B read 999, then 100
        #> G1a, READ COMMITTED: B read 100, then 100
        #> G1a, REPEATABLE READ: B read 100, then 100
        #> G1a, SERIALIZABLE: B read 100, then 100
    for level in LEVELS:
        during, after = read_intermediate_value(level)
        print(f"G1b, {level}: B read {during}, then {after}")
        #> G1b, READ UNCOMMITTED: B read 999, then 150
        #> G1b, READ COMMITTED: B read 100, then 150
        #> G1b, REPEATABLE READ: B read 100, then 100
        #> G1b, SERIALIZABLE: B read 150, then 150
    for level in LEVELS:
        seen, fates = read_each_others_writes(level)
        print(f"G1c, {level}: read {seen}; A {fates['A']}, B {fates['B']}")
        #> G1c, READ UNCOMMITTED: read {'A': 120, 'B': 110}; A committed, B committed
        #> G1c, READ COMMITTED: read {'A': 100, 'B': 100}; A committed, B committed
        #> G1c, REPEATABLE READ: read {'A': 100, 'B': 100}; A committed, B committed
        #> G1c, SERIALIZABLE: read {'A': 100}; A committed, B rolled back, error 1213
    # --8<-- [end:run]
