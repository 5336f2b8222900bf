"""The same worker pool with asyncio: worker tasks share an asyncio.Queue.

Jobs and results have the same shape as the thread version; the workers are
tasks on one event loop instead of threads, so the handler must be async and
must never block.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from examples.language.concurrency.worker_pool_threads import (
    LINE_ITEMS,
    Job,
    JobResult,
    line_total,
)

STOP = object()


# --8<-- [start:handler]
async def line_total_async(payload: str) -> int:
    """Pretend the price comes from an async client, then reuse the sync rules."""
    await asyncio.sleep(0)  # where a real handler awaits the network
    return line_total(payload)


# --8<-- [end:handler]


# --8<-- [start:worker]
async def worker(
    jobs: asyncio.Queue[Any],
    results: list[JobResult],
    handler: Callable[[str], Awaitable[int]],
) -> None:
    """Take jobs until the sentinel arrives; report every job's outcome."""
    while True:
        job = await jobs.get()
        if job is STOP:
            return
        # CancelledError is a BaseException, not an Exception: it still propagates.
        try:
            results.append(JobResult(job.index, value=await handler(job.payload)))
        except Exception as exc:
            results.append(JobResult(job.index, error=f"{type(exc).__name__}: {exc}"))


# --8<-- [end:worker]


# --8<-- [start:run_pool]
async def run_pool(
    payloads: Iterable[str],
    handler: Callable[[str], Awaitable[int]],
    *,
    workers: int = 3,
) -> list[JobResult]:
    """Run every payload through `handler` on `workers` tasks; results in job order."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    jobs: asyncio.Queue[Any] = asyncio.Queue(maxsize=workers * 2)  # backpressure
    results: list[JobResult] = []  # one thread, no lock: tasks switch only at await
    async with asyncio.TaskGroup() as group:
        for _ in range(workers):
            group.create_task(worker(jobs, results, handler))
        for index, payload in enumerate(payloads):
            await jobs.put(Job(index, payload))
        for _ in range(workers):
            await jobs.put(STOP)
    return sorted(results, key=lambda result: result.index)


# --8<-- [end:run_pool]


async def main() -> None:
    """Price the same line items as the thread version."""
    # --8<-- [start:demo]
    for result in await run_pool(LINE_ITEMS, line_total_async, workers=3):
        outcome = result.value if result.error is None else result.error
        print(f"job {result.index} {LINE_ITEMS[result.index]!r}: {outcome}")
        #> job 0 '3 x 250': 750
        #> job 1 '1 x 1999': 1999
        #> job 2 'two x 100': ValueError: invalid literal for int() with base 10: 'two'
        #> job 3 '4 x 75': 300
        #> job 4 '1 x -5': ValueError: negative total in '1 x -5'
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
