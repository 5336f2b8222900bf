"""Non-repeatable read on PostgreSQL: the same row, read twice, changes."""

# requires-server: postgres

from __future__ import annotations

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
    # --8<-- [end:run]
