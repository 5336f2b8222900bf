from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import TimeoutError as PoolTimeout

from examples.observability.debugging.lock_blockers import new_run_tag, wait_until
from examples.observability.debugging.pool_exhaustion import (
    POOL_SIZE,
    handle,
    orders_engine,
    recent_errors,
    refund,
    refund_leaky,
    server_sessions,
)


@pytest.fixture
def tag(postgres_dsn: str) -> str:
    return new_run_tag()


@pytest.fixture
def engine(tag: str) -> Iterator[Engine]:
    recent_errors.clear()
    with orders_engine(tag) as engine:
        yield engine
        recent_errors.clear()
        gc.collect()  # hand the leaked connections back while the pool still lives


def test_leaked_connections_starve_every_later_request(engine: Engine, tag: str) -> None:
    statuses = [handle(refund_leaky, engine, order) for order in [1, 901, 902, 903, 2, 3]]
    assert statuses == [200, 404, 404, 404, 503, 503]
    assert engine.pool.checkedout() == POOL_SIZE
    assert server_sessions(tag) == [
        (POOL_SIZE, "idle in transaction", "SELECT status FROM orders WHERE id = $1 FOR UPDATE")
    ]


def test_fewer_leaks_than_the_pool_size_still_serve(engine: Engine) -> None:
    statuses = [handle(refund_leaky, engine, order) for order in [901, 902, 1, 2, 3]]
    assert statuses == [404, 404, 200, 200, 200]  # one connection is left, and it returns
    assert engine.pool.checkedout() == 2


def test_the_context_manager_returns_the_connection_on_every_path(engine: Engine, tag: str) -> None:
    statuses = [handle(refund, engine, order) for order in [1, 901, 902, 903, 904, 2, 3]]
    assert statuses == [200, 404, 404, 404, 404, 200, 200]
    assert engine.pool.checkedout() == 0
    assert {state for _, state, _ in server_sessions(tag)} <= {"idle"}


def test_refunds_are_committed(engine: Engine) -> None:
    assert handle(refund, engine, 4) == 200
    assert handle(refund_leaky, engine, 5) == 200
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, status FROM orders WHERE id IN (4, 5) ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [(4, "refunded"), (5, "refunded")]


def test_without_the_error_list_the_leak_lasts_until_the_cycle_collector(engine: Engine) -> None:
    gc.disable()  # so no collection happens at a moment this test does not choose
    try:
        with pytest.raises(LookupError):
            refund_leaky(engine, 901)  # the exception is not kept anywhere
        assert engine.pool.checkedout() == 1  # Connection <-> RootTransaction cycle
        gc.collect()
        assert engine.pool.checkedout() == 0
    finally:
        gc.enable()


def test_a_connection_outside_a_transaction_is_returned_by_refcounting(engine: Engine) -> None:
    gc.disable()
    try:
        conn = engine.connect()
        assert engine.pool.checkedout() == 1
        del conn  # no transaction began, so no cycle
        assert engine.pool.checkedout() == 0
    finally:
        gc.enable()


def test_the_pool_never_grows_past_its_size(engine: Engine) -> None:
    conns = [engine.connect() for _ in range(POOL_SIZE)]
    try:
        assert handle(refund, engine, 1) == 503
        assert engine.pool.overflow() <= 0
    finally:
        for conn in conns:
            conn.close()


def test_no_session_of_the_run_is_left_on_the_server(tag: str) -> None:
    recent_errors.clear()
    with orders_engine(tag) as engine:
        for order in [901, 902, 903]:
            handle(refund_leaky, engine, order)
    recent_errors.clear()
    deadline = time.monotonic() + 10
    while server_sessions(tag) and time.monotonic() < deadline:
        time.sleep(0.05)  # a terminated backend leaves the view when its process exits
    assert server_sessions(tag) == []
    gc.collect()  # the leaked Connections, now pointing at closed sessions



def test_a_starved_pool_says_so_in_its_error(engine: Engine) -> None:
    conns = [engine.connect() for _ in range(POOL_SIZE)]
    try:
        with pytest.raises(
            PoolTimeout, match=r"^QueuePool limit of size 3 overflow 0 reached, connection timed out, timeout 0\.20 "
        ):
            engine.connect()
    finally:
        for conn in conns:
            conn.close()


def test_the_server_idle_timeout_frees_sessions_not_pool_slots(tag: str) -> None:
    # idle_in_transaction_session_timeout ends the leaked sessions on the
    # server (their locks go, and so does the evidence in pg_stat_activity),
    # but the pool still counts their connections as checked out.
    recent_errors.clear()
    with orders_engine(tag, "-c idle_in_transaction_session_timeout=200ms") as engine:
        assert [handle(refund_leaky, engine, order) for order in [901, 902, 903]] == [404, 404, 404]
        wait_until(lambda: server_sessions(tag) == [])
        assert engine.pool.checkedout() == POOL_SIZE
        assert handle(refund, engine, 1) == 503  # still starved
        recent_errors.clear()
        gc.collect()  # the Connections return, each over a session the server has closed
