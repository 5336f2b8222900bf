"""How many cores CPU-bound Python keeps busy: threads under the GIL, or processes.

Each worker does the same pure-Python loop and reports the CPU time the OS
charged it. CPU seconds divided by wall seconds is the number of cores the
workers kept busy on average. Threads of one CPython process (the default
build, with the GIL) take turns, so together they stay at or below one core.
Processes each have their own interpreter and GIL.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from examples.fundamentals.processes.cpu_work import count_down

TIMEOUT_S = 120


@dataclass(frozen=True)
class Busy:
    wall_s: float
    cpu_s: float  # CPU time of the workers only, summed

    @property
    def cores(self) -> float:
        return self.cpu_s / self.wall_s


def timed_count_down(iterations: int) -> float:
    """Do the work; return the CPU time this thread was charged for it."""
    start = time.thread_time()
    count_down(iterations)
    return time.thread_time() - start


# --8<-- [start:threads]
def busy_with_threads(workers: int, iterations: int) -> Busy:
    """`workers` threads each run the loop; their CPU times come from the OS."""
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    used: list[float] = []
    threads = [
        threading.Thread(target=lambda: used.append(timed_count_down(iterations)))
        for _ in range(workers)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT_S)
    return Busy(time.perf_counter() - start, sum(used))


# --8<-- [end:threads]


# --8<-- [start:processes]
def busy_with_processes(workers: int, iterations: int) -> Busy:
    """The same loop in `workers` processes, each with its own GIL."""
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        list(pool.map(count_down, [0] * workers))  # start the workers untimed
        start = time.perf_counter()
        futures = [pool.submit(timed_count_down, iterations) for _ in range(workers)]
        used = [future.result(timeout=TIMEOUT_S) for future in futures]
        return Busy(time.perf_counter() - start, sum(used))


# --8<-- [end:processes]

# --8<-- [start:demo]
if __name__ == "__main__":
    two_threads = busy_with_threads(2, 3_000_000)
    print(
        "two CPU-bound threads kept at most one core busy:", two_threads.cores <= 1.05
    )
    #> two CPU-bound threads kept at most one core busy: True
# --8<-- [end:demo]
