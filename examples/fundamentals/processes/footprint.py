"""Memory per unit of concurrency, read from /proc: an asyncio task, a thread, a process.

Tasks and threads are counted as the growth of one process's memory while
`count` of them wait. A process is counted by reading each child's own
smaps_rollup: RSS includes pages it still shares with its parent, the private
part is what it holds alone. `measure_fresh` runs a measurement in a newly
spawned interpreter, so memory freed by earlier work cannot hide the growth.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing.synchronize import Event, Semaphore

from examples.fundamentals.processes.children import started
from examples.fundamentals.processes.proc_stats import memory, virtual_kib

TIMEOUT_S = 120
KINDS = ("task", "thread", "fork", "spawn")


@dataclass(frozen=True)
class PerUnit:
    """Average KiB one unit adds: resident, resident and unshared, reserved."""

    rss_kib: float
    private_kib: float
    virtual_kib: float


class Growth:
    """Reads this process's memory before and after `count` units exist."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.before = (memory(), virtual_kib())

    def per_unit(self) -> PerUnit:
        (rss_before, virtual_before), after = self.before, memory()
        return PerUnit(
            (after.rss_kib - rss_before.rss_kib) / self.count,
            (after.private_kib - rss_before.private_kib) / self.count,
            (virtual_kib() - virtual_before) / self.count,
        )


# --8<-- [start:units]
def waiting_threads(count: int) -> PerUnit:
    """What each of `count` threads blocked on one event adds to this process."""
    release = threading.Event()
    growth = Growth(count)
    threads = [threading.Thread(target=release.wait) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        return growth.per_unit()
    finally:
        release.set()
        for thread in threads:
            thread.join(TIMEOUT_S)


def waiting_tasks(count: int) -> PerUnit:
    """What each of `count` asyncio tasks awaiting one event adds."""

    async def main() -> PerUnit:
        release = asyncio.Event()
        growth = Growth(count)
        tasks = [asyncio.create_task(release.wait()) for _ in range(count)]
        await asyncio.sleep(0)  # let every task start and block
        try:
            return growth.per_unit()
        finally:
            release.set()
            await asyncio.gather(*tasks)

    return asyncio.run(main())


def idle_child(ready: Semaphore, release: Event) -> None:
    """A child that says it has started, then does nothing until released."""
    ready.release()
    release.wait(TIMEOUT_S)


def waiting_processes(count: int, method: str) -> PerUnit:
    """Each of `count` idle children started with `method`, read from its own /proc."""
    context = multiprocessing.get_context(method)
    ready, release = context.Semaphore(0), context.Event()
    children = [
        context.Process(target=idle_child, args=(ready, release)) for _ in range(count)
    ]
    with started(children):
        try:
            for _ in children:  # read each one only once it has finished starting
                if not ready.acquire(timeout=TIMEOUT_S):
                    raise TimeoutError(f"a child did not start within {TIMEOUT_S} s")
            readings = [(memory(c.pid), virtual_kib(c.pid)) for c in children]
        finally:
            release.set()
    return PerUnit(
        sum(m.rss_kib for m, _ in readings) / count,
        sum(m.private_kib for m, _ in readings) / count,
        sum(v for _, v in readings) / count,
    )


# --8<-- [end:units]


def measure(kind: str, count: int) -> PerUnit:
    """Memory per unit of `kind`, measured in this process."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if count < 1:
        raise ValueError(f"count must be >= 1, got {count}")
    if kind == "task":
        return waiting_tasks(count)
    if kind == "thread":
        return waiting_threads(count)
    return waiting_processes(count, kind)


def measure_fresh(kind: str, count: int) -> PerUnit:
    """`measure` in a newly spawned interpreter, where no freed memory waits for reuse.

    The child imports this module by name to find `measure`, so call this from
    another module (as cheapest_unit.py does), not from this file run as a script.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(measure, kind, count).result(timeout=TIMEOUT_S)
