"""Phantoms on MariaDB (InnoDB): snapshots for plain reads, gap locks for
locking reads.

A plain SELECT under REPEATABLE READ reads a snapshot, so it sees no phantom,
as on PostgreSQL. A locking read (FOR UPDATE) reads the latest rows instead;
under REPEATABLE READ InnoDB protects it with next-key (gap) locks, so another
session's INSERT into the range WAITS. READ COMMITTED takes no gap locks, and
the phantom appears. SERIALIZABLE makes every plain read a locking read.
"""

# requires-server: mariadb

from __future__ import annotations

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings

RICH = "SELECT COUNT(*) FROM accounts WHERE balance >= 100"
INSERT_RICH = "INSERT INTO accounts VALUES (3, 'carol', 150)"


def insert_must_wait(level: str, locking: bool) -> bool:
    """Whether InnoDB should make A's INSERT wait for B, per its locking rules."""
    return level == "SERIALIZABLE" or (locking and level == "REPEATABLE READ")


# --8<-- [start:steps]
def count_twice(
    level: str, *, locking: bool, settings: MariaDBSettings | None = None
) -> tuple[int, int, bool]:
    """B counts rich accounts, A inserts one and commits, B counts again.

    Returns (B's first count, B's second count, whether A's insert waited).
    """
    count = RICH + (" FOR UPDATE" if locking else "")
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.b, level)
        first = query(s.b, count)[0][0]  # 1. B counts
        begin(s.a, "READ COMMITTED")

        def a_inserts() -> None:  # 2. A inserts a matching row and commits
            query(s.a, INSERT_RICH)
            s.a.commit()

        seen: list[int] = []

        def b_counts_again() -> None:  # 3. B counts again and commits
            seen.append(query(s.b, count)[0][0])
            s.b.commit()

        waits = insert_must_wait(level, locking)
        if waits:  # a gap lock holds A's insert until B commits
            run_blocked_step(
                a_inserts,
                is_waiting=lambda: s.is_waiting_on_lock(s.a),
                release=b_counts_again,
                poll_seconds=s.poll_seconds,
            )
        else:
            a_inserts()
            b_counts_again()
        return first, seen[0], waits
        # --8<-- [end:steps]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level, locking in (
        ("READ UNCOMMITTED", False),
        ("READ COMMITTED", False),
        ("REPEATABLE READ", False),
        ("SERIALIZABLE", False),
        ("READ UNCOMMITTED", True),
        ("READ COMMITTED", True),
        ("REPEATABLE READ", True),
        ("SERIALIZABLE", True),
    ):
        first, second, waited = count_twice(level, locking=locking)
        read = "FOR UPDATE" if locking else "plain"
        print(f"{level}, {read}: B counted {first}, then {second}; A waited: {waited}")
        #> READ UNCOMMITTED, plain: B counted 2, then 3; A waited: False
        #> READ COMMITTED, plain: B counted 2, then 3; A waited: False
        #> REPEATABLE READ, plain: B counted 2, then 2; A waited: False
        #> SERIALIZABLE, plain: B counted 2, then 2; A waited: True
        #> READ UNCOMMITTED, FOR UPDATE: B counted 2, then 3; A waited: False
        #> READ COMMITTED, FOR UPDATE: B counted 2, then 3; A waited: False
        #> REPEATABLE READ, FOR UPDATE: B counted 2, then 2; A waited: True
        #> SERIALIZABLE, FOR UPDATE: B counted 2, then 2; A waited: True
    # --8<-- [end:run]
