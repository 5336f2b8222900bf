"""CPU-bound work for the examples: loops that compute and never block.

They live in a module of their own so a process pool can send them to its
workers by name, whatever the start method.
"""

from __future__ import annotations

import os
import time


def one_cpu() -> int:
    """A CPU this process may run on (a container or cgroup may allow only some)."""
    return min(os.sched_getaffinity(0))


def pin_to(cpu: int) -> None:
    """Run this process on `cpu` only, refusing a CPU it is not allowed to use."""
    allowed = os.sched_getaffinity(0)
    if cpu not in allowed:
        raise ValueError(f"CPU {cpu} is not in this process's affinity set {allowed}")
    os.sched_setaffinity(0, {cpu})


def count_down(iterations: int) -> int:
    """A fixed amount of pure-Python work, with no system calls in the loop."""
    if iterations < 0:
        raise ValueError(f"iterations must be >= 0, got {iterations}")
    left = iterations
    while left:
        left -= 1
    return iterations


def burn_cpu(cpu_seconds: float) -> float:
    """Compute until this thread has used `cpu_seconds` of CPU; return what it used.

    The amount of CPU is fixed, so a worker that has to share its core takes
    longer in wall time but does the same work.
    """
    if not 0 <= cpu_seconds <= 60:
        raise ValueError(f"cpu_seconds must be within 0..60, got {cpu_seconds}")
    start = time.thread_time()
    while time.thread_time() - start < cpu_seconds:
        count_down(1_000)
    return time.thread_time() - start


def spin_until(deadline: float) -> None:
    """Busy-wait until time.monotonic() reaches `deadline` (a shared start or end)."""
    while time.monotonic() < deadline:
        pass
