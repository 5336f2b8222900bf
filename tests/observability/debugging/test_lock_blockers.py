from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import psycopg
import pytest

from examples.observability.debugging import blocked_query_demo
from examples.observability.debugging.blocked_query_demo import SCHEMA, hung_refund, refund
from examples.observability.debugging.lock_blockers import (
    Blocked,
    backend_pid,
    blocked_sessions,
    new_run_tag,
    session,
    wait_until,
)
from examples.scratch_postgres import scratch_schema
from examples.system_design.payments.lock_order_demo import waiting_on_lock


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("ex_dbg_locks", postgres_dsn) as name:
        with session(new_run_tag(), "setup", name, autocommit=True) as setup:
            setup.execute(SCHEMA.encode())
        yield name


def status(schema: str, order_id: int) -> str:
    with session(new_run_tag(), "check", schema, autocommit=True) as conn:
        return conn.execute("SELECT status FROM orders WHERE id = %s", (order_id,)).fetchone()[0]


@contextmanager
def order_2_held(
    schema: str, refund_settings: dict[str, str]
) -> Iterator[tuple[psycopg.Connection, psycopg.Connection]]:
    """(checkout, refunds): checkout holds order 2; refunds has `refund_settings`."""
    tag = new_run_tag()
    with (
        session(tag, "checkout", schema) as checkout,
        session(tag, "refund", schema, settings=refund_settings) as refunds,
    ):
        checkout.execute("UPDATE orders SET status = 'charging' WHERE id = 2")
        yield checkout, refunds


def test_finds_the_idle_transaction_that_blocks_the_update(schema: str) -> None:
    with hung_refund(schema) as s:
        assert blocked_sessions(s.monitor, s.tag) == [
            Blocked(
                waiter="refund",
                waiter_state="active",
                wait_event="Lock/transactionid",
                blocker="checkout",
                blocker_state="idle in transaction",
                blocker_wait="Client/ClientRead",
                blocker_query="UPDATE orders SET status = 'charging' WHERE id = 1",
            )
        ]
        s.checkout.commit()  # the blocker finishes: the waiter goes on
        assert s.done.result(timeout=10) == 1
        assert blocked_sessions(s.monitor, s.tag) == []
    assert status(schema, 1) == "refunded"


def test_terminating_the_blocker_rolls_its_change_back(schema: str) -> None:
    with hung_refund(schema) as s:
        blocker = backend_pid(s.monitor, s.tag, "checkout")
        s.monitor.execute("SELECT pg_terminate_backend(%s)", (blocker,))
        assert s.done.result(timeout=10) == 1
        with pytest.raises(psycopg.errors.AdminShutdown):
            s.checkout.execute("SELECT 1")
    assert status(schema, 1) == "refunded"  # 'charging' was never committed


def test_cancel_does_not_free_the_waiter_of_an_idle_transaction(schema: str) -> None:
    # pg_cancel_backend cancels a running statement; an idle session runs none.
    with hung_refund(schema) as s:
        blocker = backend_pid(s.monitor, s.tag, "checkout")
        assert s.monitor.execute("SELECT pg_cancel_backend(%s)", (blocker,)).fetchone() == (True,)
        time.sleep(0.3)  # give a cancel every chance to act; the assertions are about state
        assert [b.blocker_state for b in blocked_sessions(s.monitor, s.tag)] == ["idle in transaction"]
        assert not s.done.done()
        s.checkout.execute("SELECT 1")  # the blocker's transaction is intact
        s.checkout.rollback()
        assert s.done.result(timeout=10) == 1


@pytest.mark.parametrize(
    ("setting", "error", "sqlstate"),
    [
        ({"lock_timeout": "50ms"}, psycopg.errors.LockNotAvailable, "55P03"),
        # statement_timeout counts a lock wait as part of the statement
        ({"statement_timeout": "100ms"}, psycopg.errors.QueryCanceled, "57014"),
    ],
)
def test_a_timeout_turns_the_wait_into_an_error(
    schema: str, setting: dict[str, str], error: type[psycopg.Error], sqlstate: str
) -> None:
    with order_2_held(schema, setting) as (checkout, refunds):
        with pytest.raises(error) as caught:
            refund(refunds, 2)
        assert caught.value.sqlstate == sqlstate
        refunds.rollback()
        checkout.commit()
    assert status(schema, 2) == "charging"  # the holder was not harmed


def test_a_chain_of_waiters_is_reported_edge_by_edge(schema: str) -> None:
    tag = new_run_tag()
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "a", schema) as a,
        session(tag, "b", schema) as b,
        session(tag, "c", schema) as c,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        a.execute("UPDATE orders SET status = 'a' WHERE id = 1")
        b_done = pool.submit(b.execute, "UPDATE orders SET status = 'b' WHERE id = 1")
        wait_until(lambda: waiting_on_lock(monitor, b))
        c_done = pool.submit(c.execute, "UPDATE orders SET status = 'c' WHERE id = 1")
        wait_until(lambda: waiting_on_lock(monitor, c))
        edges = {(x.waiter, x.blocker) for x in blocked_sessions(monitor, tag)}
        assert ("b", "a") in edges
        assert {waiter for waiter, _ in edges} == {"b", "c"}
        assert not any(waiter == "a" for waiter, _ in edges)
        a.rollback()
        b_done.result(timeout=10)
        b.rollback()
        c_done.result(timeout=10)
        c.rollback()


def test_other_runs_sessions_are_not_reported(schema: str) -> None:
    mine, theirs = new_run_tag(), new_run_tag()
    with (
        session(mine, "monitor", schema, autocommit=True) as monitor,
        session(theirs, "holder", schema) as holder,
        session(theirs, "waiter", schema) as waiter,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        holder.execute("UPDATE orders SET status = 'x' WHERE id = 2")
        done = pool.submit(waiter.execute, "UPDATE orders SET status = 'y' WHERE id = 2")
        wait_until(lambda: waiting_on_lock(monitor, waiter))
        assert blocked_sessions(monitor, mine) == []
        assert [x.waiter for x in blocked_sessions(monitor, theirs)] == ["waiter"]
        holder.rollback()
        done.result(timeout=10)
        waiter.rollback()


def test_the_idle_timeout_ends_the_blocker_and_frees_the_waiter(schema: str) -> None:
    tag = new_run_tag()
    idle_limit = {"idle_in_transaction_session_timeout": "200ms"}
    with (
        session(tag, "checkout", schema, settings=idle_limit) as checkout,
        session(tag, "refund", schema) as refunds,
    ):
        checkout.execute("UPDATE orders SET status = 'charging' WHERE id = 2")
        assert refund(refunds, 2) == 1
        with pytest.raises(psycopg.errors.IdleInTransactionSessionTimeout) as caught:
            checkout.execute("SELECT 1")
        assert caught.value.sqlstate == "25P03"
    assert status(schema, 2) == "refunded"


def test_the_demo_leaves_no_session_behind(schema: str, postgres_dsn: str) -> None:
    before = set(_run_tags(postgres_dsn))
    blocked_query_demo.incident(schema)
    blocked_query_demo.guard_rails(schema)
    deadline = time.monotonic() + 10
    # A terminated backend leaves pg_stat_activity when its process has exited,
    # a moment after pg_terminate_backend() returns.
    while not set(_run_tags(postgres_dsn)) <= before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(_run_tags(postgres_dsn)) <= before


def _run_tags(dsn: str) -> list[str]:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE starts_with(application_name, 'ex_dbg_')"
        ).fetchall()
    return [row[0] for row in rows]


@pytest.mark.parametrize("tag", ["", "ex_dbg_", "ex_dbg_XYZ123456789", "x' OR true --"])
def test_refuses_a_tag_it_did_not_make(tag: str) -> None:
    with pytest.raises(ValueError, match="run tag"):
        blocked_sessions(None, tag)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="run tag"):
        session(tag, "refund", "public")


@pytest.mark.parametrize("role", ["", "Refund", "a/b", "x" * 32, "'; DROP"])
def test_refuses_a_bad_role(role: str) -> None:
    with pytest.raises(ValueError, match="role"):
        session(new_run_tag(), role, "public")


def test_an_unknown_role_is_a_lookup_error(postgres_dsn: str) -> None:
    with (
        psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=5) as monitor,
        pytest.raises(LookupError, match="no session"),
    ):
        backend_pid(monitor, new_run_tag(), "nobody")


def test_wait_until_gives_up() -> None:
    with pytest.raises(TimeoutError):
        wait_until(lambda: False, timeout=0.05)


def test_all_three_timeouts_are_off_by_default(postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT name, boot_val FROM pg_settings WHERE name IN"
            " ('lock_timeout', 'statement_timeout', 'idle_in_transaction_session_timeout')"
            " ORDER BY name"
        ).fetchall()
    assert rows == [
        ("idle_in_transaction_session_timeout", "0"),
        ("lock_timeout", "0"),
        ("statement_timeout", "0"),
    ]
