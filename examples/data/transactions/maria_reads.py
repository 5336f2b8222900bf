"""MariaDB (InnoDB): the dirty read PostgreSQL never shows, and the
non-repeatable read, step by step with two sessions."""

# requires-server: mariadb

from __future__ import annotations

from examples.data.transactions.lock_wait import run_blocked_step
from examples.data.transactions.maria_sessions import (
    ACCOUNTS_SQL,
    balance,
    begin,
    query,
    two_sessions,
)
from examples.server_settings import MariaDBSettings


# --8<-- [start:dirty]
def read_during_uncommitted_write(
    level: str, *, settings: MariaDBSettings | None = None
) -> tuple[int, int]:
    """What B reads while A's update is uncommitted, and after A rolls back."""
    with two_sessions(ACCOUNTS_SQL, settings) as s:
        begin(s.a, "READ COMMITTED")
        query(s.a, "UPDATE accounts SET balance = 999 WHERE id = 1")  # 1. A, no commit
        begin(s.b, level)
        during = balance(s.b, 1)  # 2. B reads
        s.a.rollback()  # 3. A rolls back: 999 never existed
        after = balance(s.b, 1)  # 4. B reads again
        s.b.commit()
        return during, after
        # --8<-- [end:dirty]


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

        if level != "SERIALIZABLE":
            a_writes()
            second = balance(s.b, 1)  # 3. B reads again
            s.b.commit()
            return first, second, False
        # SERIALIZABLE turns B's plain SELECT into a shared-lock read, so A's
        # write waits until B has read again and committed.
        seen: list[int] = []

        def b_reads_again_and_commits() -> None:
            seen.append(balance(s.b, 1))
            s.b.commit()

        run_blocked_step(
            a_writes,
            is_waiting=lambda: s.is_waiting_on_lock(s.a),
            poll_seconds=s.poll_seconds,
            release=b_reads_again_and_commits,
        )
        return first, seen[0], True
        # --8<-- [end:twice]


if __name__ == "__main__":
    # --8<-- [start:run]
    for level in ("READ UNCOMMITTED", "READ COMMITTED"):
        during, after = read_during_uncommitted_write(level)
        print(f"dirty read, {level}: B read {during}, then {after}")
        #> dirty read, READ UNCOMMITTED: B read 999, then 100
        #> dirty read, READ COMMITTED: B read 100, then 100
    for level in ("READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"):
        first, second, waited = read_twice(level)
        print(f"{level}: B read {first}, then {second}; A's write waited: {waited}")
        #> READ COMMITTED: B read 100, then 50; A's write waited: False
        #> REPEATABLE READ: B read 100, then 100; A's write waited: False
        #> SERIALIZABLE: B read 100, then 100; A's write waited: True
    # --8<-- [end:run]
