"""A fixed pool of worker threads fed by a job queue, with a results queue.

Each worker takes a job, runs it, and puts a result on the results queue: a
value or the error, never nothing. One sentinel per worker shuts the pool down
once the real jobs are drained.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

LINE_ITEMS = ["3 x 250", "1 x 1999", "two x 100", "4 x 75", "1 x -5"]


# --8<-- [start:types]
@dataclass(frozen=True)
class Job:
    """One unit of work; `index` remembers where it came from."""

    index: int
    payload: str


@dataclass(frozen=True)
class JobResult:
    """What happened to one job: exactly one of `value` and `error` is set."""

    index: int
    value: int | None = None
    error: str | None = None


def line_total(payload: str) -> int:
    """Price a line item such as '3 x 250' (quantity x unit price in cents)."""
    quantity, _, unit_price = payload.partition(" x ")
    total = int(quantity) * int(unit_price)  # ValueError on bad numbers
    if total < 0:
        raise ValueError(f"negative total in {payload!r}")
    return total


# --8<-- [end:types]

# --8<-- [start:worker]
STOP = object()  # the sentinel: identity-compared, so no real job can look like it


def worker(
    jobs: queue.Queue[Any],
    results: queue.Queue[JobResult],
    handler: Callable[[str], int],
) -> None:
    """Take jobs until the sentinel arrives; report every job's outcome."""
    while True:
        job = jobs.get()
        if job is STOP:
            return
        try:
            results.put(JobResult(job.index, value=handler(job.payload)))
        except Exception as exc:  # one bad job must not kill the worker
            results.put(JobResult(job.index, error=f"{type(exc).__name__}: {exc}"))


# --8<-- [end:worker]


# --8<-- [start:run_pool]
def run_pool(
    payloads: Iterable[str], handler: Callable[[str], int], *, workers: int = 3
) -> list[JobResult]:
    """Run every payload through `handler` on `workers` threads; results in job order."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    # Bounded: if workers fall behind, put() blocks the producer (backpressure)
    # instead of letting the queue grow without limit.
    jobs: queue.Queue[Any] = queue.Queue(maxsize=workers * 2)
    results: queue.Queue[JobResult] = queue.Queue()
    threads = [
        threading.Thread(target=worker, args=(jobs, results, handler))
        for _ in range(workers)
    ]
    for thread in threads:
        thread.start()
    count = 0
    try:
        for index, payload in enumerate(payloads):
            jobs.put(Job(index, payload))
            count += 1
    finally:  # even if `payloads` raises, stop the workers so nothing hangs
        for _ in threads:
            jobs.put(STOP)  # one per worker, queued after every real job (FIFO)
        for thread in threads:
            thread.join()
    collected = [results.get_nowait() for _ in range(count)]
    return sorted(collected, key=lambda result: result.index)


# --8<-- [end:run_pool]


def main() -> None:
    """Price a few line items, two of them bad."""
    # --8<-- [start:demo]
    for result in run_pool(LINE_ITEMS, line_total, workers=3):
        outcome = result.value if result.error is None else result.error
        print(f"job {result.index} {LINE_ITEMS[result.index]!r}: {outcome}")
        #> job 0 '3 x 250': 750
        #> job 1 '1 x 1999': 1999
        #> job 2 'two x 100': ValueError: invalid literal for int() with base 10: 'two'
        #> job 3 '4 x 75': 300
        #> job 4 '1 x -5': ValueError: negative total in '1 x -5'
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
