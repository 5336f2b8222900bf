"""Dirty reads on PostgreSQL: asked for READ UNCOMMITTED, you still get none.

PostgreSQL accepts READ UNCOMMITTED but runs it as READ COMMITTED: a session
never sees another session's uncommitted rows. Three kinds of dirty read, in
Adya's terms: an aborted read (G1a, A rolls back), an intermediate read (G1b,
A's value before its last write), circular information flow (G1c, A and B each
read what the other has not committed).
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions


# --8<-- [start:steps]
def read_during_uncommitted_write(
    level: IsolationLevel, dsn: str | None = None
) -> tuple[str, int]:
    """What B reads while A's update is not committed, and what B's level says."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("UPDATE accounts SET balance = 999 WHERE id = 1")  # 1. A, no commit
        begin(s.b, level)
        reported = s.b.execute("SHOW transaction_isolation").fetchone()[0]
        seen = balance(s.b, 1)  # 2. B reads
        s.a.rollback()  # 3. A changes its mind: 999 never existed
        s.b.commit()
        return reported, seen
        # --8<-- [end:steps]


# --8<-- [start:intermediate]
def read_intermediate_value(
    level: IsolationLevel, dsn: str | None = None
) -> tuple[int, int]:
    """A writes 999, then 150, and commits. What B reads during and after."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.a, IsolationLevel.READ_COMMITTED)
        begin(s.b, level)
        s.a.execute("UPDATE accounts SET balance = 999 WHERE id = 1")  # 1. A
        during = balance(s.b, 1)  # 2. B reads
        s.a.execute("UPDATE accounts SET balance = 150 WHERE id = 1")
        s.a.commit()  # 3. A's final value is 150: 999 was never committed
        after = balance(s.b, 1)  # 4. B reads again
        s.b.commit()
        return during, after
        # --8<-- [end:intermediate]


# --8<-- [start:circular]
def read_each_others_writes(
    level: IsolationLevel, dsn: str | None = None
) -> tuple[int, int, str]:
    """A writes alice's row, B bob's; then each reads the other's row.

    Returns (what A read of bob, what B read of alice, B's fate). If each saw
    the other's uncommitted write, information would flow in a circle.
    """
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.a, level)
        begin(s.b, level)
        s.a.execute("UPDATE accounts SET balance = 110 WHERE id = 1")  # 1. A
        s.b.execute("UPDATE accounts SET balance = 120 WHERE id = 2")  # 2. B
        a_saw = balance(s.a, 2)  # 3. A reads bob
        b_saw = balance(s.b, 1)  # 4. B reads alice
        s.a.commit()  # 5. A commits
        try:
            s.b.commit()  # 6. B commits
            fate = "committed"
        except psycopg.errors.SerializationFailure as error:
            fate = f"rolled back, SQLSTATE {error.sqlstate}"
        return a_saw, b_saw, fate
        # --8<-- [end:circular]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (IsolationLevel.READ_UNCOMMITTED, IsolationLevel.READ_COMMITTED):
        reported, seen = read_during_uncommitted_write(level)
        print(f"G1a, {level_name(level)}: server says {reported!r}, B read {seen}")
        #> G1a, READ UNCOMMITTED: server says 'read uncommitted', B read 100
        #> G1a, READ COMMITTED: server says 'read committed', B read 100
    for level in (
        IsolationLevel.READ_UNCOMMITTED,
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        during, after = read_intermediate_value(level)
        print(f"G1b, {level_name(level)}: B read {during}, then {after}")
        #> G1b, READ UNCOMMITTED: B read 100, then 150
        #> G1b, READ COMMITTED: B read 100, then 150
        #> G1b, REPEATABLE READ: B read 100, then 100
        #> G1b, SERIALIZABLE: B read 100, then 100
    for level in (
        IsolationLevel.READ_UNCOMMITTED,
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        a_saw, b_saw, fate = read_each_others_writes(level)
        print(f"G1c, {level_name(level)}: A read {a_saw}, B read {b_saw}; B {fate}")
        #> G1c, READ UNCOMMITTED: A read 100, B read 100; B committed
        #> G1c, READ COMMITTED: A read 100, B read 100; B committed
        #> G1c, REPEATABLE READ: A read 100, B read 100; B committed
        #> G1c, SERIALIZABLE: A read 100, B read 100; B rolled back, SQLSTATE 40001
    # --8<-- [end:run]
