"""A request that hangs on a row lock: find the session that holds it, end it, then guard.

`checkout` updates an order and then, inside the same open transaction, waits
on a slow payment call. `refund` wants the same row and waits. The monitor
session finds the blocker with pg_blocking_pids(), ends it, and the second half
shows the two settings that stop this from happening again.
"""

# requires-server: postgres

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import psycopg

from examples.observability.debugging.lock_blockers import (
    blocked_sessions,
    end_session,
    new_run_tag,
    root_blockers,
    session,
    wait_until,
)
from examples.scratch_postgres import scratch_schema
from examples.system_design.payments.lock_order_demo import waiting_on_lock

# How long the payment call has kept checkout's transaction open when the
# report runs (the demo waits for the server to say so).
SLOW_CALL = timedelta(seconds=0.5)

SCHEMA = """
CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);
INSERT INTO orders VALUES (1, 'paid'), (2, 'paid');
"""


def refund(conn: psycopg.Connection, order_id: int) -> int:
    """The refund endpoint's transaction: rows updated."""
    cursor = conn.execute(
        "UPDATE orders SET status = 'refunded' WHERE id = %s", (order_id,)
    )
    conn.commit()
    return cursor.rowcount


@dataclass(frozen=True)
class Standoff:
    """The incident's sessions, with the refund request waiting in `done`."""

    tag: str
    monitor: psycopg.Connection
    checkout: psycopg.Connection
    refunds: psycopg.Connection
    done: Future[int]


@contextmanager
def hung_refund(schema: str) -> Iterator[Standoff]:
    """checkout holds order 1 in an open transaction; a refund of it waits."""
    tag = new_run_tag()
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "checkout", schema) as checkout,
        session(tag, "refund", schema) as refunds,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        # --8<-- [start:incident]
        # checkout locks order 1, then calls a slow payment provider
        # without committing: its transaction stays open.
        checkout.execute("UPDATE orders SET status = 'charging' WHERE id = 1")

        done = pool.submit(refund, refunds, 1)  # the request that "hangs"
        wait_until(lambda: waiting_on_lock(monitor, refunds))
        # --8<-- [end:incident]
        yield Standoff(tag, monitor, checkout, refunds, done)


def _idle_longer_than(monitor: psycopg.Connection, tag: str, limit: timedelta) -> bool:
    edges = blocked_sessions(monitor, tag)
    return bool(edges) and edges[0].blocker.in_state_for > limit


def incident(schema: str) -> None:
    with hung_refund(schema) as standoff:
        tag, monitor, checkout = standoff.tag, standoff.monitor, standoff.checkout
        refunds, done = standoff.refunds, standoff.done
        wait_until(lambda: _idle_longer_than(monitor, tag, SLOW_CALL))
        # --8<-- [start:report_out]
        for b in blocked_sessions(monitor, tag):
            print(f"{b.waiter.name} ({b.waiter.state}, waiting on {b.waiter.wait})")
            #> refund (active, waiting on Lock/transactionid)
            print(
                f"  blocked by {b.blocker.name} ({b.blocker.state}, {b.blocker.wait})"
            )
            #>   blocked by checkout (idle in transaction, Client/ClientRead)
            print("  idle for over 0.5 s:", b.blocker.in_state_for > SLOW_CALL)
            #>   idle for over 0.5 s: True
            print("  waiting on anyone itself:", b.blocker.blocked)
            #>   waiting on anyone itself: False
            print("  its last statement:", b.blocker.query)
            #>   its last statement: UPDATE orders SET status = 'charging' WHERE id = 1
        # --8<-- [end:report_out]

        # --8<-- [start:locks]
        lock = monitor.execute(
            "SELECT locktype, mode, granted FROM pg_locks"
            " WHERE pid = %s AND NOT granted",
            (refunds.info.backend_pid,),
        ).fetchone()
        print(lock)
        #> ('transactionid', 'ShareLock', False)
        # --8<-- [end:locks]

        # --8<-- [start:mitigate]
        for root in root_blockers(blocked_sessions(monitor, tag)):
            print("ended", root.name, end_session(monitor, root))
            #> ended checkout True
        print("refund updated", done.result(timeout=10), "row")
        #> refund updated 1 row
        try:
            checkout.execute("SELECT 1")
        except psycopg.errors.AdminShutdown as error:  # 57P01
            print(type(error).__name__, error.sqlstate)
            #> AdminShutdown 57P01
        # --8<-- [end:mitigate]


def guard_rails(schema: str) -> None:
    tag = new_run_tag()
    # --8<-- [start:lock_timeout]
    with (
        session(tag, "checkout", schema) as checkout,
        session(tag, "refund", schema, settings={"lock_timeout": "100ms"}) as refunds,
    ):
        checkout.execute("UPDATE orders SET status = 'charging' WHERE id = 2")
        try:
            refund(refunds, 2)
        except psycopg.errors.LockNotAvailable as error:
            print(error.sqlstate, error.diag.message_primary)
            #> 55P03 canceling statement due to lock timeout
            refunds.rollback()
        checkout.rollback()
    # --8<-- [end:lock_timeout]

    # --8<-- [start:idle_timeout]
    idle_limit = {"idle_in_transaction_session_timeout": "300ms"}
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "checkout", schema, settings=idle_limit) as checkout,
        session(tag, "refund", schema) as refunds,
    ):
        checkout.execute("UPDATE orders SET status = 'charging' WHERE id = 2")
        print("refund updated", refund(refunds, 2), "row")  # waits, then succeeds
        #> refund updated 1 row
        try:
            checkout.execute("SELECT 1")
        except psycopg.errors.IdleInTransactionSessionTimeout as error:
            print(type(error).__name__, error.sqlstate)
            #> IdleInTransactionSessionTimeout 25P03
        print(blocked_sessions(monitor, tag))
        #> []
    # --8<-- [end:idle_timeout]


if __name__ == "__main__":
    with scratch_schema("ex_dbg_locks") as schema:
        with session(new_run_tag(), "setup", schema, autocommit=True) as setup:
            setup.execute(SCHEMA.encode())
        incident(schema)
        guard_rails(schema)
