"""The SQLite event store: optimistic concurrency, and a read model equal to a replay."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given

from examples.system_design.streams.account import (
    Command,
    Deposit,
    Deposited,
    DomainError,
    Open,
    Opened,
    Withdrawn,
    fold,
)
from examples.system_design.streams.event_store import (
    BalanceView,
    ConcurrencyError,
    SqliteEventStore,
    execute,
)
from tests.system_design.streams.commands import Model, commands


@given(commands())
def test_live_view_and_replay_equal_the_model(history: list[Command]) -> None:
    model = Model()
    with SqliteEventStore() as store:
        live = BalanceView()
        for command in history:
            expected = model.accepts(command)
            try:
                execute(store, command)
                assert expected
            except DomainError:
                assert not expected
            live.catch_up(store)
        rebuilt = BalanceView()
        rebuilt.catch_up(store)
        assert rebuilt == live
        assert live.rows() == model.rows()
        for account_id in model.owners:
            events, version = store.load(account_id)
            assert version == len(events) == 1 + model.movements[account_id]


def test_a_stale_append_is_refused_and_writes_nothing() -> None:
    with SqliteEventStore() as store:
        assert store.append("a-1", 0, Opened("a-1", "ana")) == 1
        assert store.append("a-1", 1, Deposited("a-1", 10)) == 2
        with pytest.raises(ConcurrencyError, match="expected version 1, found 2") as info:
            store.append("a-1", 1, Withdrawn("a-1", 10))
        assert (info.value.stream_id, info.value.expected, info.value.actual) == ("a-1", 1, 2)
        with pytest.raises(ConcurrencyError, match="expected version 0, found 2"):
            store.append("a-1", 0, Opened("a-1", "bo"))
        with pytest.raises(ConcurrencyError, match="expected version 5, found 2"):
            store.append("a-1", 5, Deposited("a-1", 1))  # from the future is stale too
        events, version = store.load("a-1")
        assert (events, version) == ([Opened("a-1", "ana"), Deposited("a-1", 10)], 2)


@pytest.mark.parametrize("version", [-1, 1.0, "0", True, None])
def test_a_bad_version_is_a_value_error(version: object) -> None:
    with SqliteEventStore() as store:
        with pytest.raises(ValueError, match="a version is an int"):
            store.append("a-1", version, Opened("a-1", "ana"))  # type: ignore[arg-type]
        assert store.load("a-1") == ([], 0)


def test_the_read_model_resumes_where_it_stopped() -> None:
    with SqliteEventStore() as store:
        view = BalanceView()
        execute(store, Open("a-1", "ana"))
        assert view.catch_up(store) == 1
        execute(store, Deposit("a-1", 5))
        execute(store, Deposit("a-1", 7))
        assert view.catch_up(store) == 2
        assert view.catch_up(store) == 0
        assert view.rows() == [("ana", "a-1", 12, 2)] and view.position == 3


def test_concurrent_writers_at_one_version_produce_one_event(tmp_path: Path) -> None:
    """Eight connections (as eight processes would) append at version 1 at once."""
    path = str(tmp_path / "events.db")
    with SqliteEventStore(path) as store:
        store.append("a-1", 0, Opened("a-1", "ana"))
    writers = 8
    barrier = threading.Barrier(writers)
    outcomes: list[str] = []
    lock = threading.Lock()

    def write(n: int) -> None:
        with SqliteEventStore(path) as store:
            barrier.wait(timeout=5)
            try:
                store.append("a-1", 1, Deposited("a-1", n + 1))
                outcome = "stored"
            except ConcurrencyError:
                outcome = "refused"
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(outcomes) == ["refused"] * (writers - 1) + ["stored"]
    with SqliteEventStore(path) as store:
        events, version = store.load("a-1")
        assert version == 2 and isinstance(events[1], Deposited)


def test_retrying_the_append_without_deciding_again_breaks_the_rule() -> None:
    """Why a retry must reload and decide: the store checks versions, not rules."""
    with SqliteEventStore() as store:
        for command in (Open("a-1", "ana"), Deposit("a-1", 70)):
            execute(store, command)
        _, version = store.load("a-1")
        stale = Withdrawn("a-1", 50)
        store.append("a-1", version, Withdrawn("a-1", 50))
        store.append("a-1", version + 1, stale)  # "retry" at the new version
        assert fold(store.load("a-1")[0]).balance == -30  # type: ignore[union-attr]


def test_the_unique_constraint_backs_the_version_check() -> None:
    with SqliteEventStore() as store:
        store.append("a-1", 0, Opened("a-1", "ana"))
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            store.connection.execute(
                "INSERT INTO events (stream_id, version, type, body) VALUES ('a-1', 1, 'Opened', '{}')"
            )
