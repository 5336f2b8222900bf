"""The asyncio worker pool: same guarantees as the thread version."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from examples.language.concurrency import worker_pool_threads
from examples.language.concurrency.worker_pool_asyncio import line_total_async, run_pool
from examples.language.concurrency.worker_pool_threads import LINE_ITEMS, JobResult, line_total


def test_it_matches_the_thread_pool_on_the_demo_items() -> None:
    expected = worker_pool_threads.run_pool(LINE_ITEMS, line_total, workers=3)
    assert asyncio.run(run_pool(LINE_ITEMS, line_total_async, workers=3)) == expected
    assert expected[2] == JobResult(2, error="ValueError: invalid literal for int() with base 10: 'two'")


def test_every_one_of_many_jobs_is_accounted_for_exactly_once() -> None:
    payloads = [f"{i} x 2" if i % 5 else "1 x -1" for i in range(5000)]
    seen: list[str] = []

    async def counted(payload: str) -> int:
        seen.append(payload)
        return await line_total_async(payload)

    results = asyncio.run(run_pool(payloads, counted, workers=16))
    assert [r.index for r in results] == list(range(5000))
    assert sorted(seen) == sorted(payloads)
    assert sum(r.error is not None for r in results) == 1000
    assert all(r.value == r.index * 2 for r in results if r.index % 5)


def test_worker_tasks_really_interleave() -> None:
    workers = 4

    async def scenario() -> list[JobResult]:
        meeting = asyncio.Barrier(workers)  # new in 3.11; made inside the running loop

        async def meet_then_price(payload: str) -> int:
            if int(payload.split(" x ")[0]) < workers:
                async with asyncio.timeout(5):
                    await meeting.wait()
            return line_total(payload)

        return await run_pool([f"{i} x 3" for i in range(12)], meet_then_price, workers=workers)

    results = asyncio.run(scenario())
    assert [(r.value, r.error) for r in results] == [(i * 3, None) for i in range(12)]


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_below_one_is_refused(workers: int) -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        asyncio.run(run_pool(["1 x 1"], line_total_async, workers=workers))


def test_no_jobs_gives_no_results() -> None:
    assert asyncio.run(run_pool([], line_total_async)) == []


def test_a_failing_producer_cancels_the_workers_instead_of_hanging() -> None:
    def payloads() -> Iterator[str]:
        yield "1 x 1"
        raise OSError("input file vanished")

    async def scenario() -> int:
        with pytest.raises(ExceptionGroup) as caught:
            await run_pool(payloads(), line_total_async, workers=3)
        assert [str(e) for e in caught.value.exceptions] == ["input file vanished"]
        return len(asyncio.all_tasks())

    assert asyncio.run(scenario()) == 1  # only the scenario itself is left


def test_cancelling_the_pool_is_not_swallowed_by_the_workers() -> None:
    """The workers catch Exception; CancelledError is a BaseException, so a cancel still ends the pool."""

    async def scenario() -> tuple[bool, int]:
        handler_waiting = asyncio.Event()

        async def hang(payload: str) -> int:
            handler_waiting.set()
            await asyncio.Event().wait()  # never answers
            return 0

        pool = asyncio.create_task(run_pool(["1 x 1", "2 x 2"], hang, workers=2))
        async with asyncio.timeout(5):
            await handler_waiting.wait()
        pool.cancel()
        await asyncio.wait([pool])
        return pool.cancelled(), len(asyncio.all_tasks())

    assert asyncio.run(scenario()) == (True, 1)
