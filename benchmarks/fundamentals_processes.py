"""The numbers behind docs/fundamentals/processes-and-threads.md, side by side.

Start-up time and memory per unit (asyncio task, thread, forked and spawned
process), CPU-bound work in threads and in processes, the cost of a context
switch (pipe ping-pong), how a spinning process's time is sliced, CPU shares
by nice value, and small-request latency while one request computes. Wall
time on purpose: waiting and switching are what is measured. The machine is
shared, so run it a few times and read the spread, not one figure.

    .venv/bin/python benchmarks/fundamentals_processes.py
"""

from __future__ import annotations

import asyncio
import gzip
import multiprocessing
import os
import resource
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection

from benchmarks.timing import quick_mode
from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.cpu_work import burn_cpu, count_down, one_cpu
from examples.fundamentals.processes.event_loop_stall import (
    heavy_in,
    heavy_in_thread,
    heavy_inline,
    heavy_waiting,
    serve,
)
from examples.fundamentals.processes.footprint import measure_fresh
from examples.fundamentals.processes.gil_cores import (
    busy_with_processes,
    busy_with_threads,
)
from examples.fundamentals.processes.nice_share import cpu_shares, predicted_share
from examples.fundamentals.processes.ping_pong import (
    round_trips,
    same_thread_round_trips,
)
from examples.fundamentals.processes.proc_stats import switches
from examples.fundamentals.processes.switch_kinds import run_counted, spinner

QUICK = quick_mode()


def nothing() -> None:
    """What every started unit runs: the cost measured is starting and ending it."""


def start_tasks(count: int) -> float:
    async def main() -> float:
        async def empty() -> None:
            nothing()

        start = time.perf_counter()
        for _ in range(count):
            await asyncio.create_task(empty())
        return time.perf_counter() - start

    return asyncio.run(main())


def start_threads(count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        thread = threading.Thread(target=nothing)
        thread.start()
        thread.join()
    return time.perf_counter() - start


def start_processes(method: str) -> Callable[[int], float]:
    def run(count: int) -> float:
        context = multiprocessing.get_context(method)
        start = time.perf_counter()
        for _ in range(count):
            process = context.Process(target=nothing)
            process.start()
            process.join(60)
        return time.perf_counter() - start

    return run


def start_up() -> None:
    print("Start-up: create one unit, run an empty function in it, wait for the end")
    rows = [
        ("asyncio task", start_tasks, 20_000),
        ("thread", start_threads, 2_000),
        ("process, fork", start_processes("fork"), 100),
        ("process, spawn", start_processes("spawn"), 10),
    ]
    per_unit = {}
    for label, run, count in rows:
        count = max(2, count // 100) if QUICK else count
        per_unit[label] = min(run(count) for _ in range(3)) / count
    for label, seconds in per_unit.items():
        ratio = seconds / per_unit["asyncio task"]
        print(f"  {label:<16} {seconds * 1e6:>10.1f} us/unit   ratio to a task {ratio:>8,.0f}")


def memory_per_unit() -> None:
    print("Memory per unit, from /proc (KiB), each measured in a fresh interpreter")
    counts = {"task": 20_000, "thread": 500, "fork": 8, "spawn": 4}
    if QUICK:
        counts = {"task": 500, "thread": 20, "fork": 2, "spawn": 1}
    readings = {kind: measure_fresh(kind, count) for kind, count in counts.items()}
    fewer_threads = counts["thread"] // 10
    fewer = measure_fresh("thread", fewer_threads)  # the same arenas, shared by fewer
    os.environ["MALLOC_ARENA_MAX"] = "1"  # read by glibc in the fresh interpreter
    try:
        one_arena = measure_fresh("thread", counts["thread"])
    finally:
        del os.environ["MALLOC_ARENA_MAX"]
    thread_private = readings["thread"].private_kib
    for kind, unit in readings.items():
        print(
            f"  {kind:<7} RSS {unit.rss_kib:>9.1f}   private {unit.private_kib:>9.1f}"
            f"   virtual {unit.virtual_kib:>9.1f}"
            f"   private ratio to a thread {unit.private_kib / thread_private:>7.2f}"
        )
    print(
        f"  thread, {fewer_threads} of them: virtual {fewer.virtual_kib:.1f} each"
        f"   ratio to {counts['thread']} of them"
        f" {fewer.virtual_kib / readings['thread'].virtual_kib:.2f}"
        f"   (malloc arenas are reserved once for the process, at most 8 per CPU)"
    )
    print(
        f"  thread, MALLOC_ARENA_MAX=1: virtual {one_arena.virtual_kib:.1f}"
        f"   ratio to the default {one_arena.virtual_kib / readings['thread'].virtual_kib:.2f}"
        f"   (a stack of ulimit -s = {resource.getrlimit(resource.RLIMIT_STACK)[0] // 1024} KiB)"
    )


def cpu_bound() -> None:
    total = 2_000_000 if QUICK else 40_000_000
    print(f"CPU-bound: {total:,} loop iterations in all, split over the workers")
    rows = [
        ("1 thread", busy_with_threads, 1),
        ("2 threads", busy_with_threads, 2),
        ("2 processes", busy_with_processes, 2),
    ]
    results = {
        label: min((run(workers, total // workers) for _ in range(3)), key=lambda b: b.wall_s)
        for label, run, workers in rows
    }
    alone = results["1 thread"].wall_s
    for label, busy in results.items():
        print(
            f"  {label:<12} wall {busy.wall_s * 1000:>8.1f} ms   cores busy {busy.cores:4.2f}"
            f"   speed-up ratio {alone / busy.wall_s:4.2f}"
        )


def context_switches() -> None:
    rounds = 2_000 if QUICK else 50_000
    print(f"Context switches: one-byte pipe ping-pong, {rounds:,} round trips, median of 5")
    baseline = statistics.median(same_thread_round_trips(rounds) for _ in range(5)) / rounds
    print(f"  same thread, no switch (4 syscalls)   {baseline * 1e6:>8.2f} us/round trip")
    cpu, cpus = one_cpu(), sorted(os.sched_getaffinity(0))
    layouts = [("one CPU", (cpu, cpu)), ("free to move", None)]
    if len(cpus) > 1:
        layouts.insert(1, ("two CPUs", (cpus[0], cpus[1])))
    for kind in ("processes", "threads"):
        for where, pinned in layouts:
            runs = [round_trips(kind, rounds, pinned) for _ in range(5)]
            trips = sorted(runs, key=lambda t: t.seconds)[2]
            per_trip = trips.seconds / rounds
            switched = (trips.pinger.voluntary + trips.pinger.involuntary) / rounds
            print(
                f"  {kind:<9} {where:<13} {per_trip * 1e6:>8.2f} us/round trip"
                f"   pinger switches/round trip {switched:4.2f}"
                f"   ratio to no switch {per_trip / baseline:6.1f}"
            )
    if len(cpus) > 1:
        idle = statistics.median(
            round_trips("processes", rounds, (cpus[0], cpus[1])).seconds for _ in range(3)
        )
        with busy_cpus(cpus[:2]):
            busy = statistics.median(
                round_trips("processes", rounds, (cpus[0], cpus[1])).seconds
                for _ in range(3)
            )
        print(
            f"  processes two CPUs, idle {idle / rounds * 1e6:.2f} us/round trip;"
            f" with both kept busy by SCHED_IDLE spinners {busy / rounds * 1e6:.2f}"
            f"   ratio {busy / idle:.2f}"
        )


def _idle_spin(cpu: int) -> None:
    """Keep `cpu` from halting while yielding to every normal task (SCHED_IDLE)."""
    os.sched_setaffinity(0, {cpu})
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    count_down(10**12)


@contextmanager
def busy_cpus(cpus: list[int]) -> Iterator[None]:
    """A spinner at the lowest priority on each CPU, so no vCPU goes idle and halts."""
    context = multiprocessing.get_context("fork")
    spinners = [context.Process(target=_idle_spin, args=(cpu,)) for cpu in cpus]
    with started(spinners, stop=spinners):
        time.sleep(0.2)
        yield


def runnable_threads() -> None:
    """Wall time for a fixed amount of CPU work per worker, pinned to one CPU."""
    cpu_s = 0.02 if QUICK else 0.2
    print(f"Runnable processes on one CPU, each needing {cpu_s * 1000:.0f} ms of CPU")
    one = timed_on_one_cpu(1, cpu_s)
    for count in (1, 2, 4, 8):
        wall, cs = timed_on_one_cpu(count, cpu_s) if count > 1 else one
        print(
            f"  {count} runnable   wall until all done {wall * 1000:>7.0f} ms"
            f"   ratio to one {wall / one[0]:5.2f}   involuntary switches {cs:>4}"
        )


def _burn_and_report(cpu: int, cpu_s: float, out: Connection) -> None:
    os.sched_setaffinity(0, {cpu})
    before = switches()
    burn_cpu(cpu_s)
    out.send((switches() - before).involuntary)


def timed_on_one_cpu(count: int, cpu_s: float) -> tuple[float, int]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    workers = [
        context.Process(target=_burn_and_report, args=(one_cpu(), cpu_s, send))
        for _ in range(count)
    ]
    start = time.perf_counter()
    with receive, send, started(workers):
        switched = sum(result_from(receive, workers, 120) for _ in workers)
    return time.perf_counter() - start, switched


def kernel_tick_hz() -> int | None:
    """CONFIG_HZ from /proc/config.gz, when the kernel exposes its build config."""
    try:
        with gzip.open("/proc/config.gz", "rt", encoding="ascii") as config:
            for line in config:
                if line.startswith("CONFIG_HZ="):
                    return int(line.split("=", 1)[1])
    except OSError:
        return None
    return None


def time_slices() -> None:
    iterations = 2_000_000 if QUICK else 20_000_000
    print("Time slices: a spinning process sharing one CPU with another spinner")
    counted = run_counted(spinner, iterations, cpu=one_cpu(), rivals=1)
    involuntary = max(1, counted.switches.involuntary)
    print(
        f"  CPU used {counted.cpu_s * 1000:.0f} ms, involuntary switches {involuntary},"
        f" ratio: {counted.cpu_s * 1000 / involuntary:.2f} ms on CPU per switch"
    )
    hz = kernel_tick_hz()
    if hz:
        print(f"  kernel timer tick: CONFIG_HZ={hz}, one tick every {1000 / hz:.1f} ms")
    slice_ns = base_slice_ns()
    if slice_ns:
        print(f"  EEVDF slice of a task (se.slice, /proc/self/sched): {slice_ns / 1e6:.2f} ms")


def base_slice_ns() -> int | None:
    """The slice the fair scheduler gives this task (kernels that print se.slice)."""
    try:
        with open("/proc/self/sched", encoding="utf-8", errors="replace") as sched:
            for line in sched:
                if line.startswith("se.slice"):
                    return int(line.split(":", 1)[1].split(".")[0])
    except OSError:
        return None
    return None


def nice_values() -> None:
    window = 0.1 if QUICK else 1.0
    print(f"Nice: two spinners pinned to one CPU for {window:.1f} s, share of CPU")
    for nices in ((0, 0), (0, 5), (0, 10), (0, 19)):
        first, _ = cpu_shares(nices, window)
        predicted = predicted_share(*nices)
        print(
            f"  nice {nices[0]} vs {nices[1]:>2}: measured {first:6.1%}"
            f"   predicted {predicted:6.1%}   ratio {first / predicted:4.2f}"
        )


def event_loop() -> None:
    cpu_s = 0.05 if QUICK else 0.3
    print(f"Event loop: small requests due every 1 ms (2 ms wait each), timed from when due,"
          f" while one request takes {cpu_s} s")
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(burn_cpu, 0).result(timeout=60)
        rows = [
            ("heavy only waits", heavy_waiting),
            ("computes inline", heavy_inline),
            ("computes in a thread", heavy_in_thread),
            ("computes in a process", heavy_in(pool)),
        ]
        for label, heavy in rows:
            timeline = asyncio.run(serve(heavy, cpu_s))
            latencies = [end - start for start, end in timeline.small]
            print(
                f"  {label:<22} heavy {timeline.heavy_s * 1000:>6.0f} ms"
                f"   small p50 {statistics.median(latencies) * 1000:>6.1f} ms"
                f"   p99 {statistics.quantiles(latencies, n=100)[98] * 1000:>6.1f} ms"
                f"   worst {timeline.worst_small_s * 1000:>6.1f} ms"
                f"   done meanwhile {timeline.small_done_meanwhile():>4}"
                f"   ratio worst/heavy {timeline.worst_small_s / timeline.heavy_s:4.2f}"
            )


def main() -> None:
    print(f"CPUs this process may use: {len(os.sched_getaffinity(0))}")
    for section in (start_up, memory_per_unit, cpu_bound, context_switches, time_slices,
                    runnable_threads, nice_values, event_loop):
        section()


if __name__ == "__main__":
    main()
