from __future__ import annotations

import os
import secrets
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from examples.observability.debugging import blocked_query_demo
from examples.observability.debugging.blocked_query_demo import SCHEMA, hung_refund, refund
from examples.observability.debugging.lock_blockers import (
    backend_pid,
    blocked_sessions,
    end_session,
    new_run_tag,
    root_blockers,
    session,
    wait_until,
)
from examples.scratch_postgres import scratch_schema
from examples.system_design.payments.lock_order_demo import waiting_on_lock
from tests.support import postgres_pair
from tests.support.ci import running_under_ci
from tests.support.provisioned import Unavailable


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    with scratch_schema("ex_dbg_locks", postgres_dsn) as name:
        with session(new_run_tag(), "setup", name, autocommit=True) as setup:
            setup.execute(SCHEMA.encode())
        yield name


def status(schema: str, order_id: int) -> str:
    with session(new_run_tag(), "check", schema, autocommit=True) as conn:
        return conn.execute("SELECT status FROM orders WHERE id = %s", (order_id,)).fetchone()[0]


def edges_of(monitor: psycopg.Connection, tag: str) -> set[tuple[str, str]]:
    return {(x.waiter.name, x.blocker.name) for x in blocked_sessions(monitor, tag)}


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


def start_waiting(
    pool: ThreadPoolExecutor, monitor: psycopg.Connection, conn: psycopg.Connection, statement: str
) -> Future[object]:
    """Run `statement` on `conn` in the pool; return once the server shows it waiting on a lock."""
    done = pool.submit(conn.execute, statement)
    wait_until(lambda: waiting_on_lock(monitor, conn) or done.done())
    if done.done():
        done.result()  # raises what the statement raised
        raise AssertionError(f"{statement!r} did not wait")
    return done


def release(holder: psycopg.Connection, *queue: tuple[psycopg.Connection, Future[object]]) -> None:
    """Roll the holder back, then let each waiter in the queue finish and roll back in turn."""
    holder.rollback()
    for conn, done in queue:
        done.result(timeout=10)
        conn.rollback()


def test_finds_the_idle_transaction_that_blocks_the_update(schema: str) -> None:
    with hung_refund(schema) as s:
        [edge] = blocked_sessions(s.monitor, s.tag)
        assert (edge.waiter.name, edge.waiter.state, edge.waiter.wait) == ("refund", "active", "Lock/transactionid")
        assert edge.waiter.blocked
        blocker = edge.blocker
        assert (blocker.name, blocker.state, blocker.wait) == ("checkout", "idle in transaction", "Client/ClientRead")
        assert blocker.query == "UPDATE orders SET status = 'charging' WHERE id = 1"
        assert blocker.pid == s.checkout.info.backend_pid
        assert blocker.user == s.checkout.info.user
        assert not blocker.blocked
        assert blocker.open_for >= blocker.in_state_for >= timedelta(0)
        s.checkout.commit()  # the blocker finishes: the waiter goes on
        assert s.done.result(timeout=10) == 1
        assert blocked_sessions(s.monitor, s.tag) == []
    assert status(schema, 1) == "refunded"


def test_the_demo_waits_for_the_idle_time_it_prints(schema: str) -> None:
    with hung_refund(schema) as s:
        wait_until(lambda: blocked_query_demo._idle_longer_than(s.monitor, s.tag, blocked_query_demo.SLOW_CALL))
        [edge] = blocked_sessions(s.monitor, s.tag)
        assert edge.blocker.in_state_for > blocked_query_demo.SLOW_CALL
        assert edge.blocker.open_for >= edge.blocker.in_state_for
        s.checkout.rollback()
        assert s.done.result(timeout=10) == 1


def test_a_blocker_from_outside_the_run_keeps_its_whole_name(schema: str, postgres_dsn: str) -> None:
    # The usual case: psql, a cron job or a migration holds the row.
    tag = new_run_tag()
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        psycopg.connect(
            postgres_dsn, application_name="psql", options=f"-c search_path={schema}", connect_timeout=5
        ) as dba,
        session(tag, "refund", schema) as refunds,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        dba.execute("UPDATE orders SET status = 'fixed by hand' WHERE id = 2")
        done = start_waiting(pool, monitor, refunds, "UPDATE orders SET status = 'refunded' WHERE id = 2")
        [edge] = blocked_sessions(monitor, tag)
        assert edge.waiter.name == "refund"
        assert edge.blocker.name == "psql"
        assert edge.blocker.pid == dba.info.backend_pid
        assert edge.blocker.user == dba.info.user
        assert edge.blocker.backend_start is not None and edge.blocker.open_for is not None
        dba.rollback()
        done.result(timeout=10)
        refunds.rollback()


def test_terminating_the_root_blocker_rolls_its_change_back(schema: str) -> None:
    with hung_refund(schema) as s:
        [root] = root_blockers(blocked_sessions(s.monitor, s.tag))
        assert root.name == "checkout"
        assert end_session(s.monitor, root) is True
        assert s.done.result(timeout=10) == 1
        with pytest.raises(psycopg.errors.AdminShutdown):
            s.checkout.execute("SELECT 1")
    assert status(schema, 1) == "refunded"  # 'charging' was never committed


def test_end_session_spares_a_session_that_moved_on(schema: str) -> None:
    # The report saw checkout's transaction; by the time we act it has
    # committed and started another. A bare pg_terminate_backend(pid) would
    # kill the new, innocent transaction.
    with hung_refund(schema) as s:
        [edge] = blocked_sessions(s.monitor, s.tag)
        s.checkout.commit()
        assert s.done.result(timeout=10) == 1
        s.checkout.execute("SELECT 1")  # a new transaction, same pid
        assert end_session(s.monitor, edge.blocker) is False
        assert s.checkout.execute("SELECT 2").fetchone() == (2,)  # still alive
        s.checkout.rollback()


def test_end_session_refuses_what_it_cannot_identify(schema: str) -> None:
    with hung_refund(schema) as s:
        [edge] = blocked_sessions(s.monitor, s.tag)
        prepared = replace(edge.blocker, pid=0)
        with pytest.raises(ValueError, match="ROLLBACK PREPARED"):
            end_session(s.monitor, prepared)
        hidden = replace(edge.blocker, backend_start=None)
        with pytest.raises(ValueError, match="not a session"):
            end_session(s.monitor, hidden)
        s.checkout.rollback()
        s.done.result(timeout=10)


def test_cancel_does_not_free_the_waiter_of_an_idle_transaction(schema: str) -> None:
    # pg_cancel_backend cancels a running statement; an idle session runs none.
    with hung_refund(schema) as s:
        blocker = backend_pid(s.monitor, s.tag, "checkout")
        assert s.monitor.execute("SELECT pg_cancel_backend(%s)", (blocker,)).fetchone() == (True,)
        time.sleep(0.3)  # give a cancel every chance to act; the assertions are about state
        assert [b.blocker.state for b in blocked_sessions(s.monitor, s.tag)] == ["idle in transaction"]
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
        # a lock_timeout at or above statement_timeout never fires
        ({"statement_timeout": "100ms", "lock_timeout": "1s"}, psycopg.errors.QueryCanceled, "57014"),
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


def test_a_chain_of_waiters_has_one_root(schema: str) -> None:
    tag = new_run_tag()
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "a", schema) as a,
        session(tag, "b", schema) as b,
        session(tag, "c", schema) as c,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        a.execute("UPDATE orders SET status = 'a' WHERE id = 1")
        b_done = start_waiting(pool, monitor, b, "UPDATE orders SET status = 'b' WHERE id = 1")
        c_done = start_waiting(pool, monitor, c, "UPDATE orders SET status = 'c' WHERE id = 1")
        edges = blocked_sessions(monitor, tag)
        assert {(x.waiter.name, x.blocker.name) for x in edges} == {("b", "a"), ("c", "b")}
        waits = {x.waiter.name: x.waiter.wait for x in edges}
        # Only the first waiter waits on the holder's transaction id; the next
        # one queues for the row's tuple lock, held by that first waiter.
        assert waits == {"b": "Lock/transactionid", "c": "Lock/tuple"}
        assert [root.name for root in root_blockers(edges)] == ["a"]  # not b: it is a victim
        release(a, (b, b_done), (c, c_done))


def test_a_migration_behind_a_long_reader_blocks_every_later_query(schema: str) -> None:
    tag = new_run_tag()
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "reader", schema) as reader,
        session(tag, "migration", schema) as migration,
        session(tag, "app", schema) as app,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        reader.execute("SELECT count(*) FROM orders")  # its transaction stays open
        alter = start_waiting(pool, monitor, migration, "ALTER TABLE orders ADD COLUMN note text")
        read = start_waiting(pool, monitor, app, "SELECT status FROM orders WHERE id = 1")
        edges = blocked_sessions(monitor, tag)
        assert {(x.waiter.name, x.blocker.name) for x in edges} == {("app", "migration"), ("migration", "reader")}
        assert {x.waiter.wait for x in edges} == {"Lock/relation"}
        assert [root.name for root in root_blockers(edges)] == ["reader"]
        release(reader, (migration, alter), (app, read))


def test_a_lock_timeout_on_the_migration_lets_the_queue_through(schema: str) -> None:
    tag = new_run_tag()
    with (
        session(tag, "reader", schema) as reader,
        session(tag, "migration", schema, settings={"lock_timeout": "100ms"}) as migration,
        session(tag, "app", schema, autocommit=True) as app,
    ):
        reader.execute("SELECT count(*) FROM orders")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            migration.execute("ALTER TABLE orders ADD COLUMN note text")
        migration.rollback()
        assert app.execute("SELECT status FROM orders WHERE id = 1").fetchone() == ("paid",)
        reader.rollback()


def test_the_query_column_is_the_last_statement_cut_at_1kb(schema: str) -> None:
    with hung_refund(schema) as s:
        # checkout ran another, harmless statement after the UPDATE that took the lock
        long_statement = "SELECT count(*) FROM orders /* " + "x" * 2000 + " */"
        s.checkout.execute(long_statement)
        [edge] = blocked_sessions(s.monitor, s.tag)
        assert "UPDATE" not in edge.blocker.query
        assert long_statement.startswith(edge.blocker.query)
        setting = s.monitor.execute("SELECT setting::int FROM pg_settings WHERE name = 'track_activity_query_size'")
        assert setting.fetchone() == (1024,)
        assert len(edge.blocker.query.encode()) == 1023  # 1024 bytes with the terminating zero
        s.checkout.rollback()
        s.done.result(timeout=10)


def test_a_parallel_query_blocks_once_not_once_per_worker(schema: str) -> None:
    tag = new_run_tag()
    parallel = {
        "max_parallel_workers_per_gather": "2",
        "parallel_setup_cost": "0",
        "parallel_tuple_cost": "0",
        "min_parallel_table_scan_size": "0",
        "statement_timeout": "60s",
    }
    with session(tag, "setup", schema, autocommit=True) as setup:
        setup.execute("CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 20000) AS g")
        setup.execute("ANALYZE big")
    with (
        session(tag, "monitor", schema, autocommit=True) as monitor,
        session(tag, "report", schema, settings=parallel) as report,
        session(tag, "migration", schema) as migration,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        leader = report.info.backend_pid
        scan = pool.submit(report.execute, "SELECT count(*) FROM big WHERE pg_sleep(0.001) IS NOT NULL")
        workers = "SELECT count(*) FROM pg_stat_activity WHERE leader_pid = %s"
        wait_until(lambda: monitor.execute(workers, (leader,)).fetchone()[0] >= 1)
        lock = start_waiting(pool, monitor, migration, "LOCK TABLE big IN ACCESS EXCLUSIVE MODE")
        raw = monitor.execute("SELECT pg_blocking_pids(%s)", (migration.info.backend_pid,)).fetchone()[0]
        assert len(raw) > 1 and set(raw) == {leader}  # the leader, once per process holding the lock
        assert [(x.waiter.name, x.blocker.name) for x in blocked_sessions(monitor, tag)] == [("migration", "report")]
        monitor.execute("SELECT pg_cancel_backend(%s)", (leader,))
        with pytest.raises(psycopg.errors.QueryCanceled):
            scan.result(timeout=30)
        report.rollback()
        lock.result(timeout=10)
        migration.rollback()


def test_a_prepared_transaction_shows_as_pid_0(postgres_pair: tuple[str, str]) -> None:
    # The shared server runs with max_prepared_transactions = 0; the pair the
    # tests start for two-phase commit allows them.
    primary = postgres_pair[0]
    gid = f"ex_dbg_{secrets.token_hex(6)}"
    with scratch_schema("ex_dbg_2pc", primary) as schema:
        tag = new_run_tag()
        with session(tag, "setup", schema, autocommit=True, dsn=primary) as setup:
            setup.execute(SCHEMA.encode())
        with session(tag, "payments", schema, dsn=primary) as payments:
            payments.execute("UPDATE orders SET status = 'charging' WHERE id = 1")
            payments.execute(sql.SQL("PREPARE TRANSACTION {}").format(sql.Literal(gid)))
        try:
            with (
                session(tag, "monitor", schema, autocommit=True, dsn=primary) as monitor,
                session(tag, "refund", schema, dsn=primary) as refunds,
                ThreadPoolExecutor(max_workers=1) as pool,
            ):
                done = start_waiting(pool, monitor, refunds, "UPDATE orders SET status = 'refunded' WHERE id = 1")
                [edge] = blocked_sessions(monitor, tag)
                assert (edge.blocker.name, edge.blocker.pid, edge.blocker.blocked) == ("prepared transaction", 0, False)
                with pytest.raises(ValueError, match="ROLLBACK PREPARED"):
                    end_session(monitor, edge.blocker)
                monitor.execute(sql.SQL("ROLLBACK PREPARED {}").format(sql.Literal(gid)))
                done.result(timeout=10)
                refunds.rollback()
        finally:
            with psycopg.connect(primary, autocommit=True, connect_timeout=5) as admin:
                if admin.execute("SELECT 1 FROM pg_prepared_xacts WHERE gid = %s", (gid,)).fetchone():
                    admin.execute(sql.SQL("ROLLBACK PREPARED {}").format(sql.Literal(gid)))


def test_a_monitor_inside_a_transaction_is_refused(schema: str, postgres_dsn: str) -> None:
    # In a transaction, pg_stat_activity repeats its first snapshot: this
    # monitor would report "nothing blocked" for as long as it stays open.
    tag = new_run_tag()
    with psycopg.connect(postgres_dsn, connect_timeout=5) as monitor:
        assert not monitor.autocommit
        with pytest.raises(ValueError, match="autocommit"):
            blocked_sessions(monitor, tag)
    with hung_refund(schema) as s, psycopg.connect(postgres_dsn, connect_timeout=5) as monitor:
        [edge] = blocked_sessions(s.monitor, s.tag)
        with pytest.raises(ValueError, match="autocommit"):
            end_session(monitor, edge.blocker)
        s.checkout.rollback()
        s.done.result(timeout=10)


def test_the_snapshot_a_transaction_keeps_is_why(schema: str, postgres_dsn: str) -> None:
    with psycopg.connect(postgres_dsn, connect_timeout=5) as stale:
        stale.execute("SELECT count(*) FROM pg_stat_activity")  # takes the snapshot
        with hung_refund(schema) as s:
            pid = s.checkout.info.backend_pid
            seen = stale.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
            assert seen == (0,)  # checkout connected after the snapshot: invisible
            s.checkout.rollback()
            s.done.result(timeout=10)


@pytest.fixture
def unprivileged_role(postgres_dsn: str) -> Iterator[str]:
    name = f"ex_dbg_monitor_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        try:
            yield name
        finally:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_a_monitor_role_needs_pg_read_all_stats(schema: str, unprivileged_role: str) -> None:
    with hung_refund(schema) as s:
        role = sql.Identifier(unprivileged_role)
        s.monitor.execute(sql.SQL("SET ROLE {}").format(role))
        [edge] = blocked_sessions(s.monitor, s.tag)
        assert edge.blocker.name == "checkout"  # the name stays visible...
        assert (edge.blocker.state, edge.blocker.xact_start) == (None, None)  # ...what it does does not
        assert edge.blocker.query == "<insufficient privilege>"
        s.monitor.execute("RESET ROLE")
        s.monitor.execute(sql.SQL("GRANT pg_read_all_stats TO {}").format(role))
        s.monitor.execute(sql.SQL("SET ROLE {}").format(role))
        [edge] = blocked_sessions(s.monitor, s.tag)
        assert edge.blocker.state == "idle in transaction"
        s.monitor.execute("RESET ROLE")
        s.checkout.rollback()
        s.done.result(timeout=10)


def test_create_index_concurrently_waits_for_an_idle_writer_and_leaves_an_invalid_index(schema: str) -> None:
    with (
        order_2_held(schema, {}) as (checkout, _),
        session(new_run_tag(), "dba", schema, autocommit=True, settings={"lock_timeout": "200ms"}) as dba,
    ):
        with pytest.raises(psycopg.errors.LockNotAvailable):
            dba.execute("CREATE INDEX CONCURRENTLY orders_status ON orders (status)")
        valid = dba.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_status'::regclass"
        ).fetchone()
        assert valid == (False,)  # left behind: DROP INDEX CONCURRENTLY it, then retry
        checkout.rollback()
        dba.execute("DROP INDEX CONCURRENTLY orders_status")


def test_the_other_runs_sessions_are_not_reported(schema: str) -> None:
    mine, theirs = new_run_tag(), new_run_tag()
    with (
        session(mine, "monitor", schema, autocommit=True) as monitor,
        session(theirs, "holder", schema) as holder,
        session(theirs, "waiter", schema) as waiter,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        holder.execute("UPDATE orders SET status = 'x' WHERE id = 2")
        done = start_waiting(pool, monitor, waiter, "UPDATE orders SET status = 'y' WHERE id = 2")
        assert blocked_sessions(monitor, mine) == []
        assert edges_of(monitor, theirs) == {("waiter", "holder")}
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


def test_the_demo_leaves_no_session_behind(schema: str, postgres_dsn: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the demo's own tags: other workers (the docs harness runs this demo
    # too) may have sessions of their own open at the same moment.
    tags: list[str] = []

    def recorded_tag() -> str:
        tags.append(new_run_tag())
        return tags[-1]

    monkeypatch.setattr(blocked_query_demo, "new_run_tag", recorded_tag)
    blocked_query_demo.incident(schema)
    blocked_query_demo.guard_rails(schema)
    assert tags

    def left_behind() -> list[str]:
        return [name for name in _run_tags(postgres_dsn) if name.split("/")[0] in tags]

    deadline = time.monotonic() + 10
    # A session closed by its client leaves pg_stat_activity a moment after.
    while left_behind() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left_behind() == []


def _run_tags(dsn: str) -> list[str]:
    with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE starts_with(application_name, 'ex_dbg_')"
        ).fetchall()
    return [row[0] for row in rows]


def test_settings_with_spaces_reach_the_server(schema: str) -> None:
    # libpq splits `options` on spaces: a value with one must be escaped.
    with session(new_run_tag(), "check", schema, autocommit=True, settings={"datestyle": "ISO, DMY"}) as conn:
        assert conn.execute("SHOW datestyle").fetchone() == ("ISO, DMY",)
    with session(new_run_tag(), "check", schema, autocommit=True, settings={"ex_dbg.note": "a\\b c"}) as conn:
        assert conn.execute("SHOW ex_dbg.note").fetchone() == ("a\\b c",)


@pytest.mark.parametrize("name", ["", "DateStyle", "a b", "x=1 -c y"])
def test_refuses_a_bad_setting_name(name: str) -> None:
    with pytest.raises(ValueError, match="setting name"):
        session(new_run_tag(), "refund", "public", settings={name: "1"})


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


def test_backend_pid_wants_exactly_one_session(schema: str, postgres_dsn: str) -> None:
    tag = new_run_tag()
    with (
        psycopg.connect(postgres_dsn, autocommit=True, connect_timeout=5) as monitor,
        session(tag, "twin", schema) as first,
    ):
        with pytest.raises(LookupError, match="0 sessions"):
            backend_pid(monitor, tag, "nobody")
        assert backend_pid(monitor, tag, "twin") == first.info.backend_pid
        with session(tag, "twin", schema), pytest.raises(LookupError, match="2 sessions"):
            backend_pid(monitor, tag, "twin")


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


def test_kill_9_on_one_backend_ends_every_session() -> None:
    # On a private server the test starts and removes: the postmaster treats
    # a backend killed by SIGKILL as a crash, ends every other session and
    # reinitializes. pg_terminate_backend() (SIGTERM) ends only its target.
    try:
        pair = postgres_pair.start()
    except Unavailable as error:
        if running_under_ci():
            pytest.fail(f"a private PostgreSQL could not be started: {error}")
        pytest.skip(f"a private PostgreSQL could not be started: {error}")
    try:
        with (
            psycopg.connect(pair.primary_dsn, autocommit=True, connect_timeout=5) as victim,
            psycopg.connect(pair.primary_dsn, autocommit=True, connect_timeout=5) as bystander,
            psycopg.connect(pair.primary_dsn, autocommit=True, connect_timeout=5) as admin,
        ):
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (victim.info.backend_pid,))
            assert bystander.execute("SELECT 1").fetchone() == (1,)  # SIGTERM: only the target
        with (
            psycopg.connect(pair.primary_dsn, autocommit=True, connect_timeout=5) as victim,
            psycopg.connect(pair.primary_dsn, autocommit=True, connect_timeout=5) as bystander,
        ):
            os.kill(victim.info.backend_pid, signal.SIGKILL)
            wait_until(lambda: "all server processes terminated; reinitializing" in _log(pair.root))
            with pytest.raises(psycopg.OperationalError):
                bystander.execute("SELECT 1")
    finally:
        pair.stop()


def _log(root: Path) -> str:
    return (root / "primary.log").read_text(encoding="utf-8", errors="replace")
