"""One CPU-heavy request on an event loop delays every other request on it.

Small requests are due every millisecond, on a schedule the loop cannot
delay, and each awaits a 2 ms wait (standing in for a database call). A
request due while the loop is stalled is created as soon as the loop runs
again and timed from when it was due: that is what its client waited. One heavy request computes for a fixed amount of CPU
time. Run inline, it keeps the loop from running anything else until it is
done; in a worker process, the loop keeps serving. The times are measured; the
demo prints only how they compare, which holds on any machine.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from examples.fundamentals.processes.cpu_work import burn_cpu

SMALL_WAIT_S = 0.002
ARRIVAL_GAP_S = 0.001
Heavy = Callable[[float], Awaitable[object]]


@dataclass
class Timeline:
    """Start and end times (perf_counter seconds) of every request in one run."""

    heavy: tuple[float, float] = (0.0, 0.0)
    small: list[tuple[float, float]] = field(default_factory=list)

    @property
    def heavy_s(self) -> float:
        return self.heavy[1] - self.heavy[0]

    @property
    def worst_small_s(self) -> float:
        return max(end - start for start, end in self.small)

    def small_done_meanwhile(self) -> int:
        """Small requests that finished while the heavy one was running."""
        start, end = self.heavy
        return sum(start < done < end for _, done in self.small)


async def small_request(timeline: Timeline, due: float) -> None:
    await asyncio.sleep(SMALL_WAIT_S)  # the I/O wait: the loop is free meanwhile
    timeline.small.append((due, time.perf_counter()))  # timed from its arrival


# --8<-- [start:heavy]
async def heavy_inline(cpu_s: float) -> None:
    burn_cpu(cpu_s)  # no await inside: nothing else on this loop runs meanwhile


def heavy_in(pool: ProcessPoolExecutor) -> Heavy:
    async def heavy(cpu_s: float) -> object:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(pool, burn_cpu, cpu_s)  # another process

    return heavy


async def heavy_waiting(seconds: float) -> None:
    await asyncio.sleep(seconds)  # as slow, but waiting: the loop serves the rest


async def heavy_in_thread(cpu_s: float) -> object:
    return await asyncio.to_thread(burn_cpu, cpu_s)  # same process, same GIL


async def serve(heavy: Heavy, cpu_s: float) -> Timeline:
    """Small requests are due every ARRIVAL_GAP_S, before and during one heavy request."""
    timeline = Timeline()
    first_due = time.perf_counter()
    sent = 0

    async def timed_heavy() -> None:
        start = time.perf_counter()
        await heavy(cpu_s)
        timeline.heavy = (start, time.perf_counter())

    async with asyncio.TaskGroup() as group:

        def send_due() -> None:
            """Every request due by now, however late the loop got here."""
            nonlocal sent
            while (due := first_due + sent * ARRIVAL_GAP_S) <= time.perf_counter():
                group.create_task(small_request(timeline, due))
                sent += 1

        while sent < 5:  # traffic already flowing when the heavy one arrives
            send_due()
            await asyncio.sleep(ARRIVAL_GAP_S)
        heavy_task = group.create_task(timed_heavy())
        while not heavy_task.done():
            send_due()
            await asyncio.sleep(ARRIVAL_GAP_S)
        send_due()  # the ones that fell due while the loop was stalled
    return timeline


# --8<-- [end:heavy]


def run_inline_and_offloaded(cpu_s: float = 0.3) -> tuple[Timeline, Timeline]:
    """The same traffic with the heavy request inline, then in a worker process."""
    if not 0 < cpu_s <= 10:
        raise ValueError(f"cpu_s must be within (0, 10], got {cpu_s}")
    inline = asyncio.run(serve(heavy_inline, cpu_s))
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(burn_cpu, 0).result(timeout=60)  # start the worker before timing
        offloaded = asyncio.run(serve(heavy_in(pool), cpu_s))
    return inline, offloaded


# --8<-- [start:demo]
if __name__ == "__main__":
    inline, offloaded = run_inline_and_offloaded()
    print("inline, small requests done meanwhile:", inline.small_done_meanwhile())
    #> inline, small requests done meanwhile: 0
    print(
        "inline, one waited out the whole computation:",
        inline.worst_small_s > inline.heavy_s,
    )
    #> inline, one waited out the whole computation: True
    print(
        "worker process, at least 20 done meanwhile:",
        offloaded.small_done_meanwhile() >= 20,
    )
    #> worker process, at least 20 done meanwhile: True
    print(
        "worker process, slowest under half the computation:",
        offloaded.worst_small_s < offloaded.heavy_s / 2,
    )
    #> worker process, slowest under half the computation: True
# --8<-- [end:demo]
