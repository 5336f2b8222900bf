"""Lost updates without a lock, none with one: threads and asyncio tasks."""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType

import pytest

from examples.language.concurrency.shared_state import (
    Account,
    add_many_locked,
    locked_total,
    lost_update_with_threads,
    ten_tasks,
)


def test_two_unsynchronized_threads_lose_one_update() -> None:
    for _ in range(20):  # the barrier makes the interleaving certain, every run
        assert lost_update_with_threads() == 1


@pytest.mark.parametrize(("threads", "times"), [(1, 1), (2, 500), (8, 2_000)])
def test_the_locked_total_is_exact(threads: int, times: int) -> None:
    assert locked_total(threads, times) == threads * times


def test_every_increment_happens_inside_the_lock() -> None:
    class CountingLock:
        """Counts entries and checks that nobody else holds the real lock meanwhile."""

        def __init__(self) -> None:
            self.inner = threading.Lock()
            self.entries = 0

        def __enter__(self) -> None:
            assert self.inner.acquire(timeout=5)
            self.entries += 1

        def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
            self.inner.release()

    account, lock = Account(), CountingLock()
    add_many_locked(account, lock, 25)  # type: ignore[arg-type]
    assert (account.balance, lock.entries) == (25, 25)


def test_an_await_between_read_and_write_loses_updates_on_one_thread() -> None:
    assert asyncio.run(ten_tasks(locked=False)) == 1


def test_asyncio_lock_keeps_every_update() -> None:
    assert asyncio.run(ten_tasks(locked=True)) == 10
