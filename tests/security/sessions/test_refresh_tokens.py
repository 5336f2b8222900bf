"""Refresh-token rotation and reuse detection, including the stolen-token race."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.refresh_tokens import (
    RefreshError,
    RefreshTokens,
    ReuseDetected,
    connect,
)

DAY = 86_400.0


def run_all(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    conn = connect()
    yield conn
    conn.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def tokens(connection, clock) -> RefreshTokens:
    return RefreshTokens(connection, clock)


def test_each_rotation_returns_a_new_token_for_the_same_user(tokens) -> None:
    token, seen = tokens.issue(5), set()
    for _ in range(10):
        seen.add(token)
        refreshed = tokens.rotate(token)
        assert refreshed.user_id == 5
        token = refreshed.refresh_token
    assert token not in seen


def test_tokens_are_stored_hashed(tokens, connection) -> None:
    token = tokens.issue(5)
    assert token not in "\n".join(connection.iterdump())


def test_an_unknown_token_is_refused(tokens) -> None:
    with pytest.raises(RefreshError, match="unknown"):
        tokens.rotate("made-up")


def test_reuse_revokes_the_whole_family_but_not_other_logins(tokens) -> None:
    laptop, phone = tokens.issue(5), tokens.issue(5)
    newer = tokens.rotate(laptop).refresh_token
    with pytest.raises(ReuseDetected):
        tokens.rotate(laptop)
    with pytest.raises(RefreshError):
        tokens.rotate(newer)
    assert tokens.rotate(phone).user_id == 5  # another device, another family


def test_the_thief_refreshing_first_loses_the_family_too(tokens) -> None:
    stolen = tokens.issue(5)
    thief = tokens.rotate(stolen).refresh_token
    with pytest.raises(ReuseDetected):
        tokens.rotate(stolen)  # the real user comes back with the same token
    with pytest.raises(RefreshError):
        tokens.rotate(thief)


def test_idle_and_absolute_expiry(tokens, clock) -> None:
    idle = tokens.issue(1)
    clock.advance(14 * DAY)
    with pytest.raises(RefreshError, match="expired"):
        tokens.rotate(idle)
    busy = tokens.issue(1)
    for _ in range(29):  # used daily: still alive for 30 days, never longer
        clock.advance(DAY)
        busy = tokens.rotate(busy).refresh_token
    clock.advance(DAY)
    with pytest.raises(RefreshError, match="expired"):
        tokens.rotate(busy)


def test_revoke_user_ends_every_family_of_that_user(tokens) -> None:
    mine, theirs = [tokens.issue(1), tokens.issue(1)], tokens.issue(2)
    tokens.revoke_user(1)
    for token in mine:
        with pytest.raises(RefreshError):
            tokens.rotate(token)
    assert tokens.rotate(theirs).user_id == 2


def test_concurrent_refreshes_with_one_token_smoke(tmp_path: Path) -> None:
    """A smoke test: real threads, real timing. Whether they overlap is luck, so
    it can pass on broken code; the PauseAfterRead tests below force the overlap.
    """
    path = str(tmp_path / "refresh.db")
    clock = ManualClock()
    connections: list[sqlite3.Connection] = []

    def store() -> RefreshTokens:
        connections.append(connect(path))
        return RefreshTokens(connections[-1], clock)

    first = store().issue(5)
    racers = 8
    barrier = threading.Barrier(racers)
    outcomes: list[object] = []
    lock = threading.Lock()

    def refresh() -> None:
        mine = store()  # each racer has its own connection, as servers would
        barrier.wait()
        try:
            result: object = mine.rotate(first)
        except RefreshError as error:
            result = error
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=refresh) for _ in range(racers)]
    run_all(threads)
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(outcomes) == racers
    assert len(winners) == 1
    assert all(isinstance(o, ReuseDetected) for o in outcomes if o not in winners)
    with pytest.raises(RefreshError):  # the winner's token died with the family
        store().rotate(winners[0].refresh_token)
    for connection in connections:
        connection.close()


class PauseAfterRead:
    """A connection that stops each thread right after it reads a token row.

    It waits (up to 0.5 s) for the other racer to read too. With BEGIN
    IMMEDIATE the other racer cannot begin until the first commits, so the wait
    times out and the first goes on alone. With a plain (deferred) BEGIN both
    read the unspent row; the first to write takes SQLite's write lock, and the
    second, which already holds a read lock, gets "database is locked" at once
    instead of a double spend: the test then fails on that error. On one shared
    connection without RefreshTokens' lock, the second BEGIN fails ("cannot
    start a transaction within a transaction").
    """

    def __init__(
        self, connection: sqlite3.Connection, barrier: threading.Barrier
    ) -> None:
        self._connection = connection
        self._barrier = barrier

    def execute(self, sql: str, *args):
        cursor = self._connection.execute(sql, *args)
        if sql.lstrip().startswith("SELECT t.family_id"):
            rows = cursor.fetchall()
            # Times out when the other racer is (correctly) still waiting for the lock.
            with contextlib.suppress(threading.BrokenBarrierError):
                self._barrier.wait(timeout=0.5)
            return _Rows(rows)
        return cursor


class _Rows:
    def __init__(self, rows: list) -> None:
        self._rows = rows

    def fetchone(self):
        return self._rows[0] if self._rows else None


def test_the_read_and_the_spend_happen_under_one_write_lock(tmp_path: Path) -> None:
    path = str(tmp_path / "refresh.db")
    clock = ManualClock()
    setup = connect(path)
    token = RefreshTokens(setup, clock).issue(5)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []
    connections = [connect(path) for _ in range(2)]

    def refresh(connection: sqlite3.Connection) -> None:
        store = RefreshTokens(PauseAfterRead(connection, barrier), clock)  # type: ignore[arg-type]
        try:
            outcomes.append(store.rotate(token))
        except RefreshError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=refresh, args=(c,)) for c in connections]
    run_all(threads)
    assert len(outcomes) == 2
    assert sum(not isinstance(o, Exception) for o in outcomes) == 1
    assert sum(isinstance(o, ReuseDetected) for o in outcomes) == 1
    for connection in [setup, *connections]:
        connection.close()


def test_threads_sharing_one_connection_do_not_tangle_transactions() -> None:
    connection = connect()
    clock = ManualClock()
    setup = RefreshTokens(connection, clock)
    tokens = [setup.issue(user) for user in (1, 2)]
    barrier = threading.Barrier(2)
    shared = RefreshTokens(PauseAfterRead(connection, barrier), clock)  # type: ignore[arg-type]
    outcomes: list[object] = []

    def refresh(token: str) -> None:
        try:
            outcomes.append(shared.rotate(token).user_id)
        except Exception as error:  # any error is the failure being tested
            outcomes.append(error)

    threads = [threading.Thread(target=refresh, args=(t,)) for t in tokens]
    run_all(threads)
    # Two different users' tokens: both refreshes succeed, one after the other.
    assert sorted(outcomes, key=str) == [1, 2]
    assert connection.in_transaction is False
    connection.close()


def test_many_threads_on_one_shared_connection_smoke() -> None:
    connection = connect()
    tokens = RefreshTokens(connection, ManualClock())
    issued = {user: tokens.issue(user) for user in range(8)}
    barrier = threading.Barrier(len(issued))
    errors: list[Exception] = []

    def refresh(token: str) -> None:
        barrier.wait()
        try:
            for _ in range(5):
                token = tokens.rotate(token).refresh_token
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=refresh, args=(t,)) for t in issued.values()]
    run_all(threads)
    assert errors == []
    connection.close()
