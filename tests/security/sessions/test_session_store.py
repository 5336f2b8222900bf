"""Session store: opaque ids, hashed at rest, idle and absolute timeouts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.session_store import Session, SessionStore, connect

IDLE, ABSOLUTE = 1_800.0, 43_200.0


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect()
    yield conn
    conn.close()


def test_a_new_session_is_found_by_its_id(connection) -> None:
    store = SessionStore(connection, ManualClock())
    new = store.create(7)
    assert store.get(new.session_id) == Session(7, new.csrf_token)
    assert store.get("not-an-id") is None


def test_ids_are_long_random_and_distinct(connection) -> None:
    store = SessionStore(connection, ManualClock())
    ids = {store.create(1).session_id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(session_id) >= 43 for session_id in ids)  # 32 bytes, base64url


def test_the_table_never_holds_the_id_itself(connection) -> None:
    store = SessionStore(connection, ManualClock())
    new = store.create(1)
    dump = "\n".join(connection.iterdump())
    assert new.session_id not in dump


def test_idle_timeout_is_exact(connection) -> None:
    clock = ManualClock()
    store = SessionStore(connection, clock)
    new = store.create(1)
    clock.advance(IDLE - 1)
    assert store.get(new.session_id) is not None  # and this counts as activity
    clock.advance(IDLE - 1)
    assert store.get(new.session_id) is not None
    clock.advance(IDLE)
    assert store.get(new.session_id) is None
    clock.advance(0)
    assert store.get(new.session_id) is None  # deleted, not just hidden


def test_absolute_timeout_ends_even_a_busy_session(connection) -> None:
    clock = ManualClock()
    store = SessionStore(connection, clock)
    new = store.create(1)
    while clock() + 600 < ABSOLUTE:
        clock.advance(600)
        assert store.get(new.session_id) is not None
    clock.set(ABSOLUTE)
    assert store.get(new.session_id) is None


@given(gaps=st.lists(st.floats(min_value=0, max_value=2 * IDLE), max_size=30))
def test_alive_exactly_while_every_gap_and_the_total_are_within_limits(gaps) -> None:
    conn = connect()
    clock = ManualClock()
    store = SessionStore(conn, clock)
    new = store.create(1)
    alive = True
    for gap in gaps:
        clock.advance(gap)
        alive = alive and gap < IDLE and clock() < ABSOLUTE
        assert (store.get(new.session_id) is not None) is alive
    conn.close()


def test_delete_and_log_out_everywhere(connection) -> None:
    store = SessionStore(connection, ManualClock())
    mine = [store.create(1) for _ in range(3)]
    theirs = store.create(2)
    store.delete(mine[0].session_id)
    assert store.get(mine[0].session_id) is None
    assert store.delete_for_user(1) == 2
    assert all(store.get(new.session_id) is None for new in mine)
    assert store.get(theirs.session_id) is not None
