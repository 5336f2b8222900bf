"""The numbers behind docs/language/python-idioms-errors-types.md: pick the container by the operation.

Per-operation time at two sizes (CPU time, best of 5), each slow operation
printed beside the fast one that replaces it:
- taking from the front: list.pop(0) shifts every remaining item (O(n)),
  deque.popleft() does not (O(1));
- membership: `x in a_list` compares item by item (O(n)), `x in a_set`
  hashes once (O(1)). The probes are absent values, the worst case for a list,
  drawn at random so that their hashes land all over the set's table.

The set is timed over SET_ROUNDS passes of the probes (20,000 lookups): one pass
takes about 4 us, and timing it alone, right after building a fresh 4 MiB set,
measured a cold start (a 4-5x "growth" that timeit does not reproduce).

    .venv/bin/python benchmarks/language_python_idioms.py
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable

from benchmarks.timing import CPU_CLOCK, Comparison, per_operation, report

Run = tuple[Callable[[], None], int]


def list_pop_front(size: int) -> Run:
    items = list(range(size))
    pops = max(1, min(size // 10, 1_000))  # the structure stays near `size` long

    def run() -> None:
        for _ in range(pops):
            items.pop(0)

    return run, pops


def deque_popleft(size: int) -> Run:
    items = deque(range(size))
    pops = max(1, min(size // 10, 1_000))  # the structure stays near `size` long

    def run() -> None:
        for _ in range(pops):
            items.popleft()

    return run, pops


# Never present (the containers hold 0..n-1): a list scans all of it, and a set's
# lookups start at slots spread over its whole table, not at a few neighbors.
PROBES = random.Random(7).sample(range(10**9, 2 * 10**9), 200)  # noqa: S311  (not secrets)
SET_ROUNDS = 100  # 20,000 lookups per timing: long enough to be warm


def list_contains(size: int) -> Run:
    items = list(range(size))

    def run() -> None:
        for probe in PROBES:
            _ = probe in items

    return run, len(PROBES)


def set_contains(size: int) -> Run:
    items = set(range(size))

    def run() -> None:
        for _ in range(SET_ROUNDS):
            for probe in PROBES:
                _ = probe in items

    return run, SET_ROUNDS * len(PROBES)


def side_by_side(slow_label: str, slow: Comparison, fast_label: str, fast: Comparison) -> None:
    """How many times faster the replacement is, at each size."""
    for slow_size, fast_size in ((slow.small, fast.small), (slow.large, fast.large)):
        times = slow_size.seconds_per_op / fast_size.seconds_per_op
        print(f"  n={slow_size.size:>9,}: {fast_label} is {times:,.0f}x faster than {slow_label}")


if __name__ == "__main__":
    pop = report("list.pop(0)", per_operation(list_pop_front, clock=CPU_CLOCK), claim="O(n)")
    popleft = report("deque.popleft()", per_operation(deque_popleft, clock=CPU_CLOCK), claim="O(1)")
    side_by_side("list.pop(0)", pop, "deque.popleft()", popleft)
    scan = report("x in list (absent)", per_operation(list_contains, clock=CPU_CLOCK), claim="O(n)")
    lookup = report("x in set (absent)", per_operation(set_contains, clock=CPU_CLOCK), claim="O(1)")
    side_by_side("x in list", scan, "x in set", lookup)
