"""Non-repeatable read and read skew on PostgreSQL.

A non-repeatable read: the same row, read twice, changes. Read skew is the
same gap seen across two rows: B reads one row before a transfer commits and
the other after it, and sees a total that never existed. Under REPEATABLE READ
a locking read (FOR UPDATE) of a row changed after B's snapshot fails with
40001 instead of showing the newer row (MariaDB's shows it).
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions


# --8<-- [start:steps]
def read_twice(level: IsolationLevel, dsn: str | None = None) -> tuple[int, int]:
    """B reads alice's balance, A changes it and commits, B reads it again."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.b, level)
        first = balance(s.b, 1)  # 1. B reads
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("UPDATE accounts SET balance = 50 WHERE id = 1")
        s.a.commit()  # 2. A writes and commits
        second = balance(s.b, 1)  # 3. B reads again, same transaction
        s.b.commit()
        return first, second
        # --8<-- [end:steps]


# --8<-- [start:skew]
def sum_during_transfer(level: IsolationLevel, dsn: str | None = None) -> int:
    """B reads alice, A moves 50 from bob to alice and commits, B reads bob.

    Returns the total B computed. The real total is 200 before and after.
    """
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.b, level)
        alice = balance(s.b, 1)  # 1. B reads alice: 100
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("UPDATE accounts SET balance = balance + 50 WHERE id = 1")
        s.a.execute("UPDATE accounts SET balance = balance - 50 WHERE id = 2")
        s.a.commit()  # 2. A's transfer commits: alice 150, bob 50
        bob = balance(s.b, 2)  # 3. B reads bob
        s.b.commit()
        return alice + bob
        # --8<-- [end:skew]


# --8<-- [start:skew_locking]
def sum_with_a_locking_read(
    level: IsolationLevel, dsn: str | None = None
) -> tuple[int, int] | str:
    """The same transfer, but B reads bob with SELECT ... FOR UPDATE.

    Returns (B's total, bob as B's plain read shows him right after), or how B
    was refused.
    """
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.b, level)
        alice = balance(s.b, 1)  # 1. B reads alice: 100
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("UPDATE accounts SET balance = balance + 50 WHERE id = 1")
        s.a.execute("UPDATE accounts SET balance = balance - 50 WHERE id = 2")
        s.a.commit()  # 2. A's transfer commits: alice 150, bob 50
        try:
            row = s.b.execute(
                "SELECT balance FROM accounts WHERE id = 2 FOR UPDATE"
            ).fetchone()  # 3. B locks bob's row and reads it
        except psycopg.errors.SerializationFailure as error:
            s.b.rollback()
            return f"rolled back, SQLSTATE {error.sqlstate}"
        seen = alice + row[0], balance(s.b, 2)
        s.b.commit()
        return seen
        # --8<-- [end:skew_locking]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        first, second = read_twice(level)
        print(f"{level_name(level)}: B read {first}, then {second}")
        #> READ COMMITTED: B read 100, then 50
        #> REPEATABLE READ: B read 100, then 100
        #> SERIALIZABLE: B read 100, then 100
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        print(f"{level_name(level)}: B's total is {sum_during_transfer(level)}")
        #> READ COMMITTED: B's total is 150
        #> REPEATABLE READ: B's total is 200
        #> SERIALIZABLE: B's total is 200
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        seen = sum_with_a_locking_read(level)
        if not isinstance(seen, str):
            seen = f"total {seen[0]}; a plain read of bob says {seen[1]}"
        print(f"{level_name(level)} + FOR UPDATE: {seen}")
        #> READ COMMITTED + FOR UPDATE: total 150; a plain read of bob says 50
        #> REPEATABLE READ + FOR UPDATE: rolled back, SQLSTATE 40001
        #> SERIALIZABLE + FOR UPDATE: rolled back, SQLSTATE 40001
    # --8<-- [end:run]
