"""Dirty read on PostgreSQL: asked for READ UNCOMMITTED, you still get none.

PostgreSQL accepts READ UNCOMMITTED but runs it as READ COMMITTED: a session
never sees another session's uncommitted rows.
"""

# requires-server: postgres

from __future__ import annotations

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


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in (IsolationLevel.READ_UNCOMMITTED, IsolationLevel.READ_COMMITTED):
        reported, seen = read_during_uncommitted_write(level)
        print(f"{level_name(level)}: server says {reported!r}, B read {seen}")
        #> READ UNCOMMITTED: server says 'read uncommitted', B read 100
        #> READ COMMITTED: server says 'read committed', B read 100
    # --8<-- [end:run]
