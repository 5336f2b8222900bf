"""Lost update on PostgreSQL: two deposits of 10 into 100 end at 110, not 120.

Each session reads the balance, adds 10 in the application, and writes the sum
back. The fixes: a stronger level (the second writer gets SQLSTATE 40001 and
must retry), a locking read (SELECT ... FOR UPDATE), or letting the database do
the arithmetic (UPDATE ... SET balance = balance + 10).
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL, balance
from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions

SET_BALANCE = "UPDATE accounts SET balance = %s WHERE id = 1"


# --8<-- [start:plain]
def deposit_race(level: IsolationLevel, dsn: str | None = None) -> tuple[int, str]:
    """Both sessions read, then both write read+10. Returns (final, B's fate)."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.a, level)
        a_read = balance(s.a, 1)  # 1. A reads 100
        begin(s.b, level)
        b_read = balance(s.b, 1)  # 2. B reads 100
        s.a.execute(SET_BALANCE, (a_read + 10,))
        s.a.commit()  # 3. A writes 110 and commits
        try:
            s.b.execute(SET_BALANCE, (b_read + 10,))  # 4. B writes 110 over it
            s.b.commit()
            fate = "committed"
        except psycopg.errors.SerializationFailure as error:
            s.b.rollback()
            fate = f"rolled back, SQLSTATE {error.sqlstate}"
        final = balance(s.a, 1)
        s.a.commit()
        return final, fate
        # --8<-- [end:plain]


# --8<-- [start:locked]
def deposit_race_locked(how: str, dsn: str | None = None) -> int:
    """READ COMMITTED, made safe by `how`: 'for_update' or 'atomic'.

    Returns the final balance. Raises StepDidNotBlockError if B never waited.
    """
    if how not in ("for_update", "atomic"):
        raise ValueError("how must be 'for_update' or 'atomic'")
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.a, IsolationLevel.READ_COMMITTED)
        begin(s.b, IsolationLevel.READ_COMMITTED)

        def deposit(session: psycopg.Connection) -> None:
            if how == "atomic":
                session.execute(
                    "UPDATE accounts SET balance = balance + 10 WHERE id = 1"
                )
                return
            row = session.execute(
                "SELECT balance FROM accounts WHERE id = 1 FOR UPDATE"
            ).fetchone()
            session.execute(SET_BALANCE, (row[0] + 10,))

        deposit(s.a)  # 1. A locks the row and writes 110, not committed yet

        def b_deposits() -> None:  # 2. B tries the same; its first statement waits
            deposit(s.b)
            s.b.commit()

        run_blocked_step(
            b_deposits,
            is_waiting=lambda: s.is_waiting_on_lock(s.b),
            release=s.a.commit,  # 3. A commits; B wakes up, sees 110, writes 120
        )
        final = balance(s.a, 1)
        s.a.commit()
        return final
        # --8<-- [end:locked]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (
        IsolationLevel.READ_COMMITTED,
        IsolationLevel.REPEATABLE_READ,
        IsolationLevel.SERIALIZABLE,
    ):
        final, fate = deposit_race(level)
        print(f"{level_name(level)}: final {final}, B {fate}")
        #> READ COMMITTED: final 110, B committed
        #> REPEATABLE READ: final 110, B rolled back, SQLSTATE 40001
        #> SERIALIZABLE: final 110, B rolled back, SQLSTATE 40001
    for how in ("for_update", "atomic"):
        final = deposit_race_locked(how)
        print(f"READ COMMITTED + {how}: final {final}, B waited for A's commit")
        #> READ COMMITTED + for_update: final 120, B waited for A's commit
        #> READ COMMITTED + atomic: final 120, B waited for A's commit
    # --8<-- [end:run]
