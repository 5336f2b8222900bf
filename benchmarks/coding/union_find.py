"""Union-find: per-operation and per-call times for docs/coding/union-find.md.

The structure itself: 2n random operations (n unions, then n finds) on n
elements with both heuristics, timed by wall clock and by CPU time
(time.process_time) at 1,000, 10,000 and 100,000 elements, where O(alpha(n))
amortized predicts a flat time per operation. Then finds of the deepest element
on the two adversarial trees the page counts hops on: naive linking on a chain
(O(n) per find, sizes 1,000 and 10,000, so 10 predicted), union by rank without
compression on the doubling tree (O(log n), sizes 2^10 and 2^17, so 1.7
predicted), and the same tree with compression. Then one whole call of each
canonical problem on a seeded random input of 1,000 and 10,000 items, and the
island recount brute force at small sizes. Every row but the first is timed by
CPU time (see per_operation below). The full run takes about 10 s.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from benchmarks.timing import CPU_CLOCK, Comparison, Workload, calls, quick_mode, report
from benchmarks.timing import per_operation as timed_per_operation
from examples.coding.union_find.accounts_merge import merge_accounts
from examples.coding.union_find.connected_components import count_components
from examples.coding.union_find.heuristics import CountingForest, chain, doubling
from examples.coding.union_find.islands_ii import islands_after_each, islands_after_each_brute_force
from examples.coding.union_find.kruskal import mst_weight
from examples.coding.union_find.redundant_connection import redundant_connection
from examples.coding.union_find.template import DisjointSet

CHAIN_SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
DOUBLING_SIZES = (2**7, 2**10) if quick_mode() else (2**10, 2**17)
BRUTE_SIZES = (25, 100) if quick_mode() else (100, 400)
PROBLEM_SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
STRUCTURE_SIZES = (100, 300, 1_000) if quick_mode() else (1_000, 10_000, 100_000)
CHAIN_FINDS = 200  # each walks the whole chain: enough time to measure
TREE_FINDS = 2_000  # each takes well under a microsecond: 200 would time ~20 us in all


def per_operation(workload: Workload, sizes: tuple[int, int], repeats: int = 5) -> Comparison:
    """benchmarks.timing.per_operation, timed by CPU time.

    On a shared machine a long call is preempted more often than a short one,
    so wall-clock ratios grow with the load; CPU time leaves the waiting out.
    """
    return timed_per_operation(workload, sizes, repeats=repeats, clock=CPU_CLOCK)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def random_operations(size: int) -> tuple[Callable[[], None], int]:
    r = rng(size)
    pairs = [(r.randrange(size), r.randrange(size)) for _ in range(size)]
    probes = [r.randrange(size) for _ in range(size)]

    def run() -> None:
        sets = DisjointSet(size)
        for a, b in pairs:
            sets.union(a, b)
        for x in probes:
            sets.find(x)

    return run, 2 * size


def finds_of_zero(link: str, compress: bool, unions: Callable[[int], list[tuple[int, int]]], finds: int):
    def workload(size: int) -> tuple[Callable[[], None], int]:
        forest = CountingForest(size, link, compress)
        for a, b in unions(size):
            forest.union(a, b)

        def run() -> None:
            for _ in range(finds):
                forest.find(0)

        return run, finds

    return workload


def random_edges(size: int) -> tuple[int, list[list[int]]]:
    r = rng(size)
    return size, [[r.randrange(size), r.randrange(size)] for _ in range(size)]


def tree_plus_one_edge(size: int) -> tuple[list[list[int]]]:
    r = rng(size)
    edges = [[r.randrange(node), node] for node in range(1, size)]  # a random tree
    r.shuffle(edges)
    return ([*edges, [0, size - 1]],)  # the last edge closes the only cycle


def accounts(size: int) -> tuple[list[list[str]]]:
    r = rng(size)
    pool = [f"user{index}@mail.test" for index in range(2 * size)]
    return ([["Sam", *r.sample(pool, 3)] for _ in range(size)],)


def weighted_edges(size: int) -> tuple[int, list[list[int]]]:
    r = rng(size)
    edges = [[node - 1, node, r.randrange(1_000)] for node in range(1, size)]  # connected
    edges += [[r.randrange(size), r.randrange(size), r.randrange(1_000)] for _ in range(2 * size)]
    return size, edges


def grid_positions(size: int) -> tuple[int, int, list[list[int]]]:
    rows = math.isqrt(size)
    cols = size // rows
    cells = [[row, col] for row in range(rows) for col in range(cols)]
    rng(size).shuffle(cells)
    return rows, cols, cells


def wall_and_cpu(label: str, workload: Callable[[int], tuple[Callable[[], None], int]]) -> None:
    """Best-of-5 wall-clock and CPU time (time.process_time) per operation, one line per size.

    On a busy machine the wall clock also counts time spent waiting for a core;
    process_time counts only the time this process ran.
    """
    cpu_times = []
    for size in STRUCTURE_SIZES:
        wall = cpu = float("inf")
        for _ in range(1 if quick_mode() else 5):
            run, operations = workload(size)
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            run()
            cpu = min(cpu, (time.process_time() - cpu_start) / operations)
            wall = min(wall, (time.perf_counter() - wall_start) / operations)
        cpu_times.append(cpu)
        print(f"{label:<36} n={size:>9,}: wall {wall * 1e6:6.3f}  cpu {cpu * 1e6:6.3f} us/op", flush=True)
        label = ""
    print(f"{'':<36} cpu ratio {cpu_times[-1] / cpu_times[0]:.2f}   O(1) predicts 1.0", flush=True)


if __name__ == "__main__":
    wall_and_cpu("DisjointSet: random union + find", random_operations)
    report(
        "naive chain: find(0)",
        per_operation(finds_of_zero("naive", False, chain, CHAIN_FINDS), CHAIN_SIZES),
        claim="O(n)",
    )
    report(
        "rank only, doubling tree: find(0)",
        per_operation(finds_of_zero("rank", False, doubling, TREE_FINDS), DOUBLING_SIZES),
        claim="O(log n)",
    )
    report(
        "rank + compression, same: find(0)",
        per_operation(finds_of_zero("rank", True, doubling, TREE_FINDS), DOUBLING_SIZES),
        claim="O(1)",
    )
    for label, function, make_args, claim in [
        ("count_components (E = n)", count_components, random_edges, "O(n)"),
        ("redundant_connection (tree + 1)", redundant_connection, tree_plus_one_edge, "O(n)"),
        ("merge_accounts (3 emails each)", merge_accounts, accounts, "O(n log n)"),
        ("mst_weight (E = 3n)", mst_weight, weighted_edges, "O(n log n)"),
        ("islands_after_each (every cell)", islands_after_each, grid_positions, "O(n)"),
    ]:
        report(label, per_operation(calls(function, make_args), PROBLEM_SIZES), claim=claim)
    report(
        "islands brute force (every cell)",
        per_operation(calls(islands_after_each_brute_force, grid_positions), BRUTE_SIZES),
        claim="O(n^2)",
    )
    report(
        "islands_after_each, same n",
        per_operation(calls(islands_after_each, grid_positions), BRUTE_SIZES),
        claim="O(n)",
    )
