"""Phantom read on PostgreSQL: the same query, run twice, returns a new row."""

# requires-server: postgres

from __future__ import annotations

from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions

RICH = "SELECT count(*) FROM accounts WHERE balance >= 100"


# --8<-- [start:steps]
def count_twice(level: IsolationLevel, dsn: str | None = None) -> tuple[int, int]:
    """B counts rich accounts, A inserts one and commits, B counts again."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.b, level)
        first = s.b.execute(RICH).fetchone()[0]  # 1. B counts
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("INSERT INTO accounts VALUES (3, 'carol', 150)")
        s.a.commit()  # 2. A inserts a matching row and commits
        second = s.b.execute(RICH).fetchone()[0]  # 3. B counts again
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
        first, second = count_twice(level)
        print(f"{level_name(level)}: B counted {first}, then {second}")
        #> READ COMMITTED: B counted 2, then 3
        #> REPEATABLE READ: B counted 2, then 2
        #> SERIALIZABLE: B counted 2, then 2
    # --8<-- [end:run]
