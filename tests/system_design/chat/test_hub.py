"""The hub and its bounded outboxes: counts, fan-out to every device, overflow."""

from __future__ import annotations

import asyncio

from examples.system_design.chat.hub import Connection, Hub


def test_counts_follow_adds_and_removes_per_user() -> None:
    hub = Hub()
    phone, laptop, other = Connection("bob"), Connection("bob"), Connection("alice")
    assert hub.add(phone) is True
    assert hub.add(laptop) is False  # bob's second device
    hub.add(other)
    assert (hub.connection_count, hub.user_count) == (3, 2)
    assert hub.deliver("bob", "frame") == 2
    assert hub.deliver("nobody", "frame") == 0
    assert hub.remove(phone) is False
    assert hub.remove(laptop) is True
    assert not hub.has("bob") and hub.has("alice")


def test_a_full_outbox_overflows_and_drops_what_it_held() -> None:
    async def scenario() -> None:
        connection = Connection("bob", limit=2)
        assert connection.offer("a") and connection.offer("b")
        assert await connection.next_batch() == ["a", "b"]
        for frame in ("c", "d"):
            connection.offer(frame)
        assert connection.offer("e") is False
        assert connection.overflowed
        assert connection.offer("f") is False
        assert await connection.next_batch() == []  # the writer closes the socket

    asyncio.run(scenario())


def test_shut_all_has_every_writer_close_with_the_code() -> None:
    async def scenario() -> None:
        hub = Hub()
        phone, laptop = Connection("bob"), Connection("alice")
        hub.add(phone)
        hub.add(laptop)
        phone.offer("queued")
        hub.shut_all(1012, "routing lost")
        for connection in (phone, laptop):
            assert await connection.next_batch() == []  # the writer closes the socket
            assert (connection.close_code, connection.close_reason) == (1012, "routing lost")
            assert connection.offer("late") is False and not connection.overflowed
        phone.shut(1013, "later code")  # the first reason stands
        assert phone.close_code == 1012

    asyncio.run(scenario())
