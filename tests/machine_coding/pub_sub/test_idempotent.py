"""The idempotent consumer applies each message id once."""

from __future__ import annotations

import threading

import pytest

from examples.machine_coding.pub_sub.idempotent import IdempotentConsumer
from examples.machine_coding.pub_sub.messages import Message


def message(message_id: int, payload: str = "100") -> Message:
    return Message(message_id, "deposits", payload, 0.0)


def test_duplicates_are_skipped() -> None:
    applied: list[int] = []
    consumer = IdempotentConsumer(lambda m: applied.append(m.id))
    assert consumer.handle(message(1)) is True
    assert consumer.handle(message(1)) is False
    assert consumer.handle(message(2)) is True
    assert applied == [1, 2]


def test_a_failed_effect_is_not_remembered_so_the_retry_applies_it() -> None:
    calls: list[int] = []

    def fails_first(m: Message) -> None:
        calls.append(m.id)
        if len(calls) == 1:
            raise ConnectionError("ledger unavailable")

    consumer = IdempotentConsumer(fails_first)
    with pytest.raises(ConnectionError):
        consumer.handle(message(1))
    assert consumer.handle(message(1)) is True
    assert consumer.handle(message(1)) is False
    assert calls == [1, 1]


def test_only_the_newest_ids_are_remembered() -> None:
    applied: list[int] = []
    consumer = IdempotentConsumer(lambda m: applied.append(m.id), remember=2)
    for i in (1, 2, 3):
        consumer.handle(message(i))
    assert consumer.handle(message(3)) is False
    assert consumer.handle(message(1)) is True  # fell out of the window: applied again
    assert applied == [1, 2, 3, 1]


@pytest.mark.parametrize("remember", [0, -1, True, 1.5])
def test_remember_must_be_a_positive_int(remember: object) -> None:
    with pytest.raises(ValueError, match="remember must be an int >= 1"):
        IdempotentConsumer(lambda m: None, remember=remember)  # type: ignore[arg-type]


def test_concurrent_duplicates_apply_once() -> None:
    total = [0]
    consumer = IdempotentConsumer(lambda m: total.__setitem__(0, total[0] + int(m.payload)))
    start = threading.Barrier(8)

    def deliver_everything_twice() -> None:
        start.wait()
        for i in range(1, 501):
            consumer.handle(message(i, "1"))
            consumer.handle(message(i, "1"))

    threads = [threading.Thread(target=deliver_everything_twice) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert total[0] == 500
