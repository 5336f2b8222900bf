"""Voluntary and involuntary context switches, read from /proc for two workers.

A worker that sleeps gives the CPU up itself, over and over: voluntary
switches. A worker that only computes never gives it up; when another
runnable task shares its CPU, the scheduler takes the CPU away at the end of
each slice: involuntary switches. Each worker runs in a process of its own,
so /proc/self/status, which counts the main thread only, covers all its work.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.cpu_work import count_down, one_cpu, pin_to
from examples.fundamentals.processes.proc_stats import Switches, switches

TIMEOUT_S = 60
# A rival would spin for hours; it is stopped as soon as the worker is done.
RIVAL_LIMIT = 10**10


@dataclass(frozen=True)
class Counted:
    switches: Switches
    cpu_s: float  # CPU time the worker used


# --8<-- [start:workers]
def sleeper(naps: int) -> None:
    """Blocks `naps` times; each sleep hands the CPU back to the scheduler."""
    for _ in range(naps):
        time.sleep(0.001)


def spinner(iterations: int) -> None:
    """Computes and never blocks: only the scheduler can take the CPU away."""
    count_down(iterations)


def counted(
    work: Callable[[int], None], size: int, cpu: int | None, out: Connection
) -> None:
    """In the child: pin if asked, do the work, send the switches it caused."""
    if cpu is not None:
        pin_to(cpu)
    before, cpu_before = switches(), time.process_time()  # its only thread
    work(size)
    out.send(Counted(switches() - before, time.process_time() - cpu_before))


# --8<-- [end:workers]


def rival(cpu: int) -> None:
    """Competes for `cpu` until it is stopped."""
    pin_to(cpu)
    count_down(RIVAL_LIMIT)


def run_counted(
    work: Callable[[int], None], size: int, cpu: int | None = None, rivals: int = 0
) -> Counted:
    """Run `work(size)` in a child process and return the switches it made.

    With `cpu`, the child and `rivals` spinning processes are pinned to that
    one CPU, so whoever wants it has to take turns.
    """
    if rivals < 0 or (rivals and cpu is None):
        raise ValueError("rivals must be >= 0 and need a cpu to compete on")
    if size < 0:
        raise ValueError(f"size must be >= 0, got {size}")
    context = multiprocessing.get_context("fork")  # children run functions of this file
    receive, send = context.Pipe(duplex=False)
    competing = [context.Process(target=rival, args=(cpu,)) for _ in range(rivals)]
    worker = context.Process(target=counted, args=(work, size, cpu, send))
    with receive, send, started([*competing, worker], stop=competing):
        return result_from(receive, [worker], TIMEOUT_S)


# --8<-- [start:demo]
if __name__ == "__main__":
    slept = run_counted(sleeper, 200).switches
    print("sleeping worker:", slept.dominant(), "switches dominate")
    #> sleeping worker: voluntary switches dominate
    spun = run_counted(spinner, 3_000_000, cpu=one_cpu(), rivals=1).switches
    print("spinning worker, CPU shared:", spun.dominant(), "switches dominate")
    #> spinning worker, CPU shared: involuntary switches dominate
# --8<-- [end:demo]
