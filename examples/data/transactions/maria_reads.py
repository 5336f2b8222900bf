"""MariaDB (InnoDB): non-repeatable read and read skew, with two sessions.

READ UNCOMMITTED and READ COMMITTED show both. REPEATABLE READ reads one
snapshot, but only for plain reads: a locking read (FOR UPDATE) or a write sees
the latest committed rows, so read skew comes back once B locks what it reads
(Hermitage marks this "R/O"). SERIALIZABLE makes B's plain reads take shared
locks, so A's write waits until B commits.
"""

# requires-server: mariadb

from __future__ import annotations

import pymysql

from examples.data.transactions.lock_wait import run_step
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


# --8<-- [start:twice]
def read_twice(
    level: str, *, settings: MariaDBSettings | None = None
) -> tuple[int, int, bool]:
    """B reads alice's balance, A changes it and commits, B reads it again.

    Returns (B's first read, B's second read, whether A's write had to wait).
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.b, level)
        first = balance(s.b, 1)  # 1. B reads
        begin(s.a, "READ COMMITTED")

        def a_writes() -> None:  # 2. A writes and commits
            query(s.a, "UPDATE accounts SET balance = 50 WHERE id = 1")
            s.a.commit()

        second: list[int] = []

        def b_reads_again() -> None:  # 3. B reads again and commits
            second.append(balance(s.b, 1))
            s.b.commit()

        waits = level == "SERIALIZABLE"  # B's plain SELECT took a shared lock
        run_step(
            a_writes,
            blocks=waits,
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            release=b_reads_again,
            poll_seconds=s.poll_seconds,
        )
        return first, second[0], waits
        # --8<-- [end:twice]


# --8<-- [start:skew]
def sum_during_transfer(level: str, *, settings: MariaDBSettings | None = None) -> int:
    """B reads alice, A moves 50 from bob to alice and commits, B reads bob.

    Returns the total B computed. The real total is 200 before and after.
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.b, level)
        alice = balance(s.b, 1)  # 1. B reads alice: 100
        begin(s.a, "READ COMMITTED")

        def a_transfers() -> None:  # 2. A's transfer: alice 150, bob 50
            query(s.a, "UPDATE accounts SET balance = balance + 50 WHERE id = 1")
            query(s.a, "UPDATE accounts SET balance = balance - 50 WHERE id = 2")
            s.a.commit()

        bob: list[int] = []

        def b_reads_bob() -> None:  # 3. B reads bob and commits
            bob.append(balance(s.b, 2))
            s.b.commit()

        run_step(
            a_transfers,
            blocks=level == "SERIALIZABLE",  # B's shared lock on alice holds A
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            release=b_reads_bob,
            poll_seconds=s.poll_seconds,
        )
        return alice + bob[0]
        # --8<-- [end:skew]


# --8<-- [start:skew_locking]
def sum_with_a_locking_read(
    level: str,
    *,
    snapshot_isolation: bool = False,
    settings: MariaDBSettings | None = None,
) -> tuple[int, int] | str:
    """The same transfer, but B reads bob with SELECT ... FOR UPDATE.

    Returns (B's total, bob as B's plain read shows him right after), or the
    error that refused B's locking read.
    """
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        setting = "ON" if snapshot_isolation else "OFF"
        query(s.b, "SET SESSION innodb_snapshot_isolation = %s", (setting,))
        begin(s.b, level)
        alice = balance(s.b, 1)  # 1. B reads alice: 100
        begin(s.a, "READ COMMITTED")

        def a_transfers() -> None:  # 2. A's transfer: alice 150, bob 50
            query(s.a, "UPDATE accounts SET balance = balance + 50 WHERE id = 1")
            query(s.a, "UPDATE accounts SET balance = balance - 50 WHERE id = 2")
            s.a.commit()

        seen: list[tuple[int, int] | str] = []

        def b_locks_bob() -> None:  # 3. B locks bob's row and reads it
            try:
                rows = query(
                    s.b, "SELECT balance FROM accounts WHERE id = 2 FOR UPDATE"
                )
                seen.append((alice + rows[0][0], balance(s.b, 2)))
                s.b.commit()
            except pymysql.MySQLError as error:
                s.b.rollback()
                seen.append(f"error {error.args[0]}")

        run_step(
            a_transfers,
            blocks=level == "SERIALIZABLE",  # B's shared lock on alice holds A
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            release=b_locks_bob,
            poll_seconds=s.poll_seconds,
        )
        return seen[0]
        # --8<-- [end:skew_locking]


if __name__ == "__main__":
    # --8<-- [start:run]
    levels = ("READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE")
    for level in levels:
        first, second, waited = read_twice(level)
        print(f"{level}: B read {first}, then {second}; A's write waited: {waited}")
        #> READ UNCOMMITTED: B read 100, then 50; A's write waited: False
        #> READ COMMITTED: B read 100, then 50; A's write waited: False
        #> REPEATABLE READ: B read 100, then 100; A's write waited: False
        #> SERIALIZABLE: B read 100, then 100; A's write waited: True
    for level in levels:
        print(f"{level}: B's total is {sum_during_transfer(level)}")
        #> READ UNCOMMITTED: B's total is 150
        #> READ COMMITTED: B's total is 150
        #> REPEATABLE READ: B's total is 200
        #> SERIALIZABLE: B's total is 200
    for level, snapshot in (
        ("READ UNCOMMITTED", False),
        ("READ COMMITTED", False),
        ("REPEATABLE READ", False),
        ("REPEATABLE READ", True),
        ("SERIALIZABLE", False),
    ):
        seen = sum_with_a_locking_read(level, snapshot_isolation=snapshot)
        if not isinstance(seen, str):
            seen = f"total {seen[0]}; a plain read of bob says {seen[1]}"
        setting = ", snapshot isolation ON" if snapshot else ""
        print(f"{level} + FOR UPDATE{setting}: {seen}")
        #> READ UNCOMMITTED + FOR UPDATE: total 150; a plain read of bob says 50
        #> READ COMMITTED + FOR UPDATE: total 150; a plain read of bob says 50
        #> REPEATABLE READ + FOR UPDATE: total 150; a plain read of bob says 100
        #> REPEATABLE READ + FOR UPDATE, snapshot isolation ON: error 1020
        #> SERIALIZABLE + FOR UPDATE: total 200; a plain read of bob says 100
    # --8<-- [end:run]
