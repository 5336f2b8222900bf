"""The semaphore never lets more than `limit` calls run at once."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from examples.language.concurrency.bounded_concurrency import InFlight, bounded_map


@pytest.mark.parametrize(("items", "limit", "expected_peak"), [(10, 3, 3), (10, 1, 1), (4, 10, 4), (50, 7, 7)])
def test_peak_in_flight_equals_the_limit_or_the_item_count(items: int, limit: int, expected_peak: int) -> None:
    probe = InFlight()
    pages = asyncio.run(bounded_map(probe.fetch, range(items), limit=limit))
    assert pages == [f"page {i}" for i in range(items)]
    assert probe.peak == expected_peak
    assert probe.now == 0


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(limit: int) -> None:
    with pytest.raises(ValueError, match="limit must be at least 1"):
        asyncio.run(bounded_map(InFlight().fetch, range(3), limit=limit))


def test_no_items_gives_no_results() -> None:
    assert asyncio.run(bounded_map(InFlight().fetch, [], limit=3)) == []


def test_the_limit_holds_for_real_threads_counted_under_a_lock() -> None:
    """Work runs on OS threads via to_thread, so only the semaphore caps overlap."""
    limit = 3
    lock = threading.Lock()
    counts = {"now": 0, "peak": 0}
    # The first `limit` calls meet at a barrier: this proves `limit` really ran at once.
    first_wave = threading.Barrier(limit, timeout=5)

    def blocking(item: int) -> int:
        with lock:
            counts["now"] += 1
            counts["peak"] = max(counts["peak"], counts["now"])
        if item < limit:
            first_wave.wait()
        time.sleep(0.001)  # widen the window in which a broken cap would overlap
        with lock:
            counts["now"] -= 1
        return item * 2

    async def work(item: int) -> int:
        return await asyncio.to_thread(blocking, item)

    results = asyncio.run(bounded_map(work, range(40), limit=limit))
    assert results == [i * 2 for i in range(40)]
    assert counts == {"now": 0, "peak": limit}


def test_a_failing_item_fails_the_batch_and_releases_every_slot() -> None:
    probe = InFlight()

    async def work(item: int) -> str:
        if item == 5:
            raise RuntimeError("page 5 broke")
        return await probe.fetch(item)

    async def scenario() -> None:
        await bounded_map(work, range(10), limit=3)

    with pytest.raises(ExceptionGroup) as caught:
        asyncio.run(scenario())
    assert [str(exc) for exc in caught.value.exceptions] == ["page 5 broke"]
    assert probe.now == 0  # cancelled siblings left the counter balanced


def test_the_semaphore_caps_calls_in_flight_not_tasks_created() -> None:
    """Every item gets its task before the first call finishes: memory grows with the input."""
    seen: list[int] = []

    async def work(item: int) -> int:
        seen.append(len(asyncio.all_tasks()))
        await asyncio.sleep(0)
        return item

    assert asyncio.run(bounded_map(work, range(100), limit=2)) == list(range(100))
    assert seen[0] == 101  # 100 tasks plus the one running bounded_map


def test_a_call_that_blocks_instead_of_awaiting_never_overlaps() -> None:
    """The page's "try it": with a blocking call, the peak is 1 whatever the limit."""

    class Blocking(InFlight):
        async def fetch(self, page: int) -> str:
            self.now += 1
            self.peak = max(self.peak, self.now)
            try:
                for _ in range(3):
                    time.sleep(0)  # blocks the loop instead of yielding to it
            finally:
                self.now -= 1
            return f"page {page}"

    probe = Blocking()
    assert asyncio.run(bounded_map(probe.fetch, range(10), limit=3)) == [f"page {i}" for i in range(10)]
    assert probe.peak == 1
