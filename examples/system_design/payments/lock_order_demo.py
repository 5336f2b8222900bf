"""Two transfers in opposite directions: locked as named they deadlock, in id order they queue.

Session A moves money alice -> bob while session B moves bob -> alice. Each
step runs in a fixed order from one thread; a step that waits on a lock runs
in a worker thread until the server reports it waiting (the helper from the
transactions page), so the story is the same on every run.
"""

# requires-server: postgres

from __future__ import annotations

import psycopg

from examples.data.transactions.lock_wait import run_blocked_step
from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.ledger import lock_accounts, open_account
from examples.system_design.payments.schema import create_schema


def waiting_on_lock(monitor: psycopg.Connection, session: psycopg.Connection) -> bool:
    """True while the server reports `session` blocked on a lock."""
    row = monitor.execute(
        "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
        (session.info.backend_pid,),
    ).fetchone()
    return bool(row and row[0])


if __name__ == "__main__":
    with scratch_schema("ex_lockorder") as schema, connect(schema) as monitor:
        create_schema(monitor)
        for name in ("alice", "bob"):
            open_account(monitor, name, "USD", allow_negative=False)
        with (
            connect(schema, autocommit=False) as a,
            connect(schema, autocommit=False) as b,
        ):
            # --8<-- [start:deadlock]
            lock_accounts(a, ["alice"], ordered=False)  # A: alice -> bob
            lock_accounts(b, ["bob"], ordered=False)  # B: bob -> alice
            try:
                run_blocked_step(
                    lambda: lock_accounts(a, ["bob"], ordered=False),  # A waits
                    is_waiting=lambda: waiting_on_lock(monitor, a),
                    release=lambda: lock_accounts(b, ["alice"], ordered=False),
                )
            except psycopg.errors.DeadlockDetected as error:
                print("A:", error.sqlstate, error.diag.message_primary)
                #> A: 40P01 deadlock detected
            a.rollback()  # A's transaction was aborted; B got both locks
            b.commit()
            # --8<-- [end:deadlock]

            # --8<-- [start:ordered]
            lock_accounts(a, ["alice", "bob"], ordered=True)  # alice, then bob
            run_blocked_step(
                lambda: lock_accounts(b, ["bob", "alice"], ordered=True),
                is_waiting=lambda: waiting_on_lock(monitor, b),  # B waits on alice
                release=a.commit,
            )
            print("B holds both locks after A committed; no deadlock")
            #> B holds both locks after A committed; no deadlock
            b.commit()
            # --8<-- [end:ordered]
