"""Phantom read on PostgreSQL: the same query, run twice, returns a new row.

PostgreSQL has no gap locks: a locking read (FOR UPDATE) locks the rows it
returns and nothing between them, so another session's INSERT never waits.
REPEATABLE READ hides the new row because both reads use one snapshot.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg
from psycopg import IsolationLevel

from examples.data.transactions.accounts import ACCOUNTS_SQL
from examples.data.transactions.pg_sessions import begin, level_name, two_sessions

# --8<-- [start:steps]
RICH = "SELECT id FROM accounts WHERE balance >= 100"


def count_rich(session: psycopg.Connection, *, locking: bool) -> int:
    """How many accounts hold 100 or more, as `session` sees them."""
    return len(session.execute(RICH + (" FOR UPDATE" if locking else "")).fetchall())


def count_twice(
    level: IsolationLevel, dsn: str | None = None, *, locking: bool = False
) -> tuple[int, int]:
    """B counts rich accounts, A inserts one and commits, B counts again."""
    with two_sessions(ACCOUNTS_SQL, dsn) as s:
        begin(s.b, level)
        first = count_rich(s.b, locking=locking)  # 1. B counts
        begin(s.a, IsolationLevel.READ_COMMITTED)
        s.a.execute("INSERT INTO accounts VALUES (3, 'carol', 150)")
        s.a.commit()  # 2. A inserts a matching row and commits, without waiting
        second = count_rich(s.b, locking=locking)  # 3. B counts again
        s.b.commit()
        return first, second
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for locking in (False, True):
        for level in (
            IsolationLevel.READ_COMMITTED,
            IsolationLevel.REPEATABLE_READ,
            IsolationLevel.SERIALIZABLE,
        ):
            first, second = count_twice(level, locking=locking)
            read = "FOR UPDATE" if locking else "plain"
            print(f"{level_name(level)}, {read}: B counted {first}, then {second}")
            #> READ COMMITTED, plain: B counted 2, then 3
            #> REPEATABLE READ, plain: B counted 2, then 2
            #> SERIALIZABLE, plain: B counted 2, then 2
            #> READ COMMITTED, FOR UPDATE: B counted 2, then 3
            #> REPEATABLE READ, FOR UPDATE: B counted 2, then 2
            #> SERIALIZABLE, FOR UPDATE: B counted 2, then 2
    # --8<-- [end:run]
