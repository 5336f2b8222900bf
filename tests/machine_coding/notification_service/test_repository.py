"""The in-memory repository: atomic idempotent insert, due order, lazy rescheduling."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.notification_service.errors import NotificationNotFoundError
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    DeliveryStatus,
    Message,
    Notification,
    SendRequest,
)
from examples.machine_coding.notification_service.repository import InMemoryRepository, Repository


def notification(nid: str, key: str | None = None, channels: tuple[str, ...] = ("sms",)) -> Notification:
    request = SendRequest("ada", "t", channels)
    messages = {Channel(c): Message("hi") for c in channels}
    return Notification(nid, request, "orders", False, messages, 0.0, key)


def delivery(nid: str, due: float, channel: Channel = Channel.SMS, **changes: object) -> Delivery:
    return replace(Delivery(nid, channel, "+1", DeliveryStatus.QUEUED, due), **changes)


def test_the_in_memory_repository_satisfies_the_protocol() -> None:
    repository: Repository = InMemoryRepository()
    assert repository.next_due_at() is None


def test_add_then_read_back() -> None:
    repo = InMemoryRepository()
    stored, created = repo.add(
        notification("n1", channels=("sms", "email")),
        [
            delivery("n1", 5.0, Channel.SMS),
            delivery("n1", 5.0, Channel.EMAIL),
        ],
    )
    assert created
    assert repo.get("n1") == stored
    assert [d.channel for d in repo.deliveries("n1")] == [Channel.SMS, Channel.EMAIL]
    assert repo.pending() == 2


def test_a_taken_key_returns_the_first_notification_and_stores_nothing() -> None:
    repo = InMemoryRepository()
    first, _ = repo.add(notification("n1", key="k"), [delivery("n1", 1.0)])
    again, created = repo.add(notification("n2", key="k"), [delivery("n2", 1.0)])
    assert not created
    assert again == first
    with pytest.raises(NotificationNotFoundError):
        repo.get("n2")
    assert repo.pending() == 1


def test_notifications_without_a_key_are_always_new() -> None:
    repo = InMemoryRepository()
    assert repo.add(notification("n1"), [delivery("n1", 1.0)])[1]
    assert repo.add(notification("n2"), [delivery("n2", 1.0)])[1]


def test_a_reused_id_or_a_foreign_delivery_is_refused_without_changes() -> None:
    repo = InMemoryRepository()
    repo.add(notification("n1"), [delivery("n1", 1.0)])
    with pytest.raises(ValueError, match="taken"):
        repo.add(notification("n1"), [delivery("n1", 2.0)])
    with pytest.raises(ValueError, match="belong"):
        repo.add(notification("n3"), [delivery("n9", 2.0)])
    assert repo.pending() == 1
    assert repo.deliveries("n1")[0].due_at == 1.0
    with pytest.raises(NotificationNotFoundError):
        repo.get("n3")


def test_unknown_ids_are_errors() -> None:
    repo = InMemoryRepository()
    with pytest.raises(NotificationNotFoundError, match="'nope'"):
        repo.deliveries("nope")
    with pytest.raises(KeyError, match="no delivery"):
        repo.save(delivery("nope", 1.0))


def test_pop_due_takes_due_ones_earliest_first_and_only_once() -> None:
    repo = InMemoryRepository()
    for nid, due in [("a", 3.0), ("b", 1.0), ("c", 2.0), ("d", 9.0)]:
        repo.add(notification(nid), [delivery(nid, due)])
    assert [d.notification_id for d in repo.pop_due(2.5, limit=10)] == ["b", "c"]
    assert repo.pop_due(2.5, limit=10) == []  # handed out already
    assert [d.notification_id for d in repo.pop_due(100.0, limit=1)] == ["a"]
    assert repo.next_due_at() == 9.0


def test_pop_due_refuses_a_limit_below_one() -> None:
    with pytest.raises(ValueError, match="limit"):
        InMemoryRepository().pop_due(0.0, limit=0)


def test_rescheduling_replaces_the_old_entry() -> None:
    repo = InMemoryRepository()
    repo.add(notification("a"), [delivery("a", 1.0)])
    repo.save(delivery("a", 50.0))  # moved later before it was taken
    assert repo.pop_due(10.0, limit=10) == []
    assert repo.next_due_at() == 50.0
    assert repo.pending() == 1


def test_a_terminal_delivery_leaves_the_queue() -> None:
    repo = InMemoryRepository()
    repo.add(notification("a"), [delivery("a", 1.0)])
    repo.save(delivery("a", 1.0, status=DeliveryStatus.SENT))
    assert repo.pop_due(10.0, limit=10) == []
    assert repo.next_due_at() is None
    assert repo.pending() == 0
    assert repo.deliveries("a")[0].status is DeliveryStatus.SENT


def test_terminal_deliveries_are_never_queued_at_add() -> None:
    repo = InMemoryRepository()
    repo.add(notification("a"), [delivery("a", 1.0, status=DeliveryStatus.SUPPRESSED)])
    assert repo.pending() == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), min_size=1, max_size=30))
def test_pop_due_matches_a_sorted_model(entries: list[tuple[int, int]]) -> None:
    """Each delivery is added at one time and moved to another: the queue
    hands out exactly the latest times that are due, in time order."""
    repo = InMemoryRepository()
    model: dict[str, int] = {}
    for n, (first, moved) in enumerate(entries):
        nid = f"n{n}"
        repo.add(notification(nid), [delivery(nid, float(first))])
        repo.save(delivery(nid, float(moved)))
        model[nid] = moved
    taken = repo.pop_due(10.0, limit=1_000)
    assert [d.notification_id for d in taken] == sorted(
        (nid for nid, due in model.items() if due <= 10), key=lambda nid: (model[nid], int(nid[1:]))
    )
    assert repo.pending() == sum(1 for due in model.values() if due > 10)


def test_concurrent_adds_with_one_key_store_exactly_one() -> None:
    repo = InMemoryRepository()
    threads = 16
    barrier = threading.Barrier(threads)
    results: list[tuple[Notification, bool]] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        barrier.wait()
        result = repo.add(notification(f"n{n}", key="same"), [delivery(f"n{n}", 1.0)])
        with lock:
            results.append(result)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sum(created for _, created in results) == 1
    assert len({stored.id for stored, _ in results}) == 1
    assert repo.pending() == 1


def test_concurrent_pops_hand_each_delivery_to_one_thread() -> None:
    repo = InMemoryRepository()
    total = 4_000
    for n in range(total):
        repo.add(notification(f"n{n}"), [delivery(f"n{n}", float(n % 7))])
    threads = 8
    barrier = threading.Barrier(threads)
    taken: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        while batch := repo.pop_due(10.0, limit=7):
            with lock:
                taken.extend(d.notification_id for d in batch)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sorted(taken) == sorted(f"n{n}" for n in range(total))
