"""Nice values, measured: two spinning processes on one CPU, at nice 0 and nice 10.

Linux gives each nice level a weight (sched_prio_to_weight in
kernel/sched/core.c), about 1.25 times the next one down (sched(7)), and shares
a busy CPU in proportion to the weights of the tasks that want it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.connection import Connection

from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.cpu_work import one_cpu, pin_to, spin_until

TIMEOUT_S = 60
# Two entries of the kernel's table, for comparison with the 1.25 rule.
KERNEL_WEIGHT = {0: 1024, 10: 110}


def predicted_share(nice: int, other: int) -> float:
    """The share of one CPU that sched(7)'s 1.25-per-level rule gives `nice`."""
    for value in (nice, other):
        if not -20 <= value <= 19:
            raise ValueError(f"nice values run from -20 to 19, got {value}")
    favored = 1.25 ** (other - nice)  # how many times more CPU `nice` gets
    return favored / (favored + 1)


# --8<-- [start:spin]
def spin_at(
    slot: int, nice: int, cpu: int, start: float, window_s: float, out: Connection
) -> None:
    """In the child: pin, set the nice value, spin through the shared window."""
    pin_to(cpu)
    # os.nice() would add to the level inherited from the parent; this sets it.
    # Raising it needs no privilege; lowering it needs CAP_SYS_NICE.
    os.setpriority(os.PRIO_PROCESS, 0, nice)
    level = os.getpriority(os.PRIO_PROCESS, 0)
    spin_until(start)  # both children begin together
    used_before = time.process_time()
    spin_until(start + window_s)
    out.send((slot, time.process_time() - used_before, level))  # CPU it got meanwhile


def cpu_shares(nices: tuple[int, int], window_s: float = 0.5) -> tuple[float, float]:
    """Each process's share of the CPU time the two got together."""
    if not 0 < window_s <= 10:
        raise ValueError(f"window_s must be within (0, 10], got {window_s}")
    if len(nices) != 2 or not all(0 <= value <= 19 for value in nices):
        raise ValueError(f"give two nice values within 0..19, got {nices}")
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    start = time.monotonic() + 0.2  # time for both children to start and pin
    children = [
        context.Process(
            target=spin_at, args=(slot, nice, one_cpu(), start, window_s, send)
        )
        for slot, nice in enumerate(nices)
    ]
    with receive, send, started(children):
        reports = [result_from(receive, children, TIMEOUT_S) for _ in children]
    used = {slot: cpu_s for slot, cpu_s, _ in reports}
    levels = {slot: level for slot, _, level in reports}
    if levels != dict(enumerate(nices)):
        raise RuntimeError(f"the spinners ran at nice {levels}, not {nices}")
    total = used[0] + used[1]
    return used[0] / total, used[1] / total


# --8<-- [end:spin]

# --8<-- [start:demo]
if __name__ == "__main__":
    print(f"nice 0 against nice 10, predicted share: {predicted_share(0, 10):.0%}")
    #> nice 0 against nice 10, predicted share: 90%
    kernel = KERNEL_WEIGHT[0] / (KERNEL_WEIGHT[0] + KERNEL_WEIGHT[10])
    print(f"from the kernel's weights: {kernel:.0%}")
    #> from the kernel's weights: 90%
    favored, niced = cpu_shares((0, 10))
    print("nice 0 got more than 3x the CPU of nice 10:", favored > 3 * niced)
    #> nice 0 got more than 3x the CPU of nice 10: True
# --8<-- [end:demo]
