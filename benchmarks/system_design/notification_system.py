"""Notification lanes: the scheduler's cost per job, and a critical job's real wait behind a full bulk lane.

Throughput: push then pop of one job, with the lane (or the FIFO queue) holding
a backlog of 1,000 and of 100,000 jobs; O(1) claimed for both.

Latency: a worker thread sends at a paced 5,000 jobs a second (a provider's
rate limit) from a bulk lane that starts full, while the main thread adds a
critical job every 2 ms. Each critical job's wait is the time from push to
pop, on the wall clock. The same run against one FIFO queue shows what the
lanes buy. Wall time, because waiting is the point; on a shared machine read
the ratio between the two rows, not the microseconds.

    .venv/bin/python benchmarks/system_design/notification_system.py
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from benchmarks.timing import per_operation, quick_mode, report
from examples.system_design.notification_system.lanes import (
    FifoScheduler,
    Job,
    LaneScheduler,
)

SEND_RATE = 5_000  # sends per second the paced worker allows itself
BACKLOG = 1_000 if quick_mode() else 5_000  # bulk jobs waiting at the start
CRITICAL = 20 if quick_mode() else 200  # critical jobs pushed during the drain
CRITICAL_EVERY_S = 0.002


def churn(make: Callable[[], LaneScheduler | FifoScheduler]):
    """Workload: push and pop one job at a time over a standing backlog of `size`."""

    def workload(size: int):
        scheduler = make()
        for n in range(size):
            scheduler.push(Job(f"b{n}", "bulk", 0))
        jobs = [Job(f"t{n}", "transactional", 0) for n in range(10_000)]

        def run() -> None:
            for job in jobs:
                scheduler.push(job)
                scheduler.pop()

        return run, len(jobs)

    return workload


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(q * len(ordered)) - 1]


def critical_waits(make: Callable[[], LaneScheduler | FifoScheduler]) -> list[float]:
    """Seconds each critical job waited while a paced worker drained the backlog."""
    scheduler, lock = make(), threading.Lock()
    for n in range(BACKLOG):
        scheduler.push(Job(f"b{n}", "bulk", 0))
    pushed: dict[str, float] = {}
    waits: list[float] = []
    done = threading.Event()

    def worker() -> None:
        slot, next_send = 1 / SEND_RATE, time.perf_counter()
        while not done.is_set():
            delay = next_send - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            next_send += slot
            with lock:
                job = scheduler.pop()
            if job is None:
                if len(waits) == CRITICAL:
                    return
                continue
            if job.lane == "critical":
                waits.append(time.perf_counter() - pushed[job.job_id])

    thread = threading.Thread(target=worker)
    thread.start()
    for n in range(CRITICAL):
        with lock:
            pushed[f"c{n}"] = time.perf_counter()
            scheduler.push(Job(f"c{n}", "critical", 0))
        time.sleep(CRITICAL_EVERY_S)
    thread.join(timeout=60)
    done.set()
    return waits


if __name__ == "__main__":
    lanes = report("lanes: push + pop", per_operation(churn(LaneScheduler)), claim="O(1)")
    fifo = report("one FIFO: push + pop", per_operation(churn(FifoScheduler)), claim="O(1)")
    print()
    print(f"critical job's wait while {BACKLOG:,} bulk jobs drain at {SEND_RATE:,}/s")
    print(f"{'scheduler':<14} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
    for name, make in (("lanes", LaneScheduler), ("one FIFO", FifoScheduler)):
        waits = critical_waits(make)
        ms = [w * 1000 for w in waits]
        print(f"{name:<14} {p(ms, 0.5):9.2f} {p(ms, 0.99):9.2f} {max(ms):9.2f}")
    ratio = lanes.large.seconds_per_op / fifo.large.seconds_per_op
    print(f"\nlanes cost {ratio:.1f}x the FIFO per job at n={lanes.large.size:,}")
