"""Topological sort: time per call at two sizes for each solution on docs/coding/topological-sort.md.

Each workload calls the solution once on a fresh, seeded random DAG with n
nodes and 2n edges (each edge joins two random nodes, pointing from the one
earlier in a hidden random order), so every sort runs to the end. The linear
solutions run at n = 500 and 50,000, where O(V + E) = O(n) predicts a
ratio of 100; the heap-based build order claims O(n log n), which predicts
about 174. A second Kahn row uses local edges (i -> i + 1, i + 2): the same
work in memory order, to separate the algorithm from cache misses. The
brute force that rescans every edge runs on a chain (one course freed per
round, the worst case) at n = 100 and 1,000, where its O(V * E) = O(n^2)
predicts 100 too, and Kahn runs on the same chains.

The two Kahn rows on 500 and 50,000 nodes are also timed in CPU time
(time.process_time) during the same calls. Wall time counts the moments the
process waits for a core that another process holds; CPU time does not, so the
gap between the two rows is waiting, measured rather than guessed.
"""

from __future__ import annotations

import random
import string
import time

from benchmarks.timing import (
    QUICK_SIZES,
    Comparison,
    Measurement,
    Workload,
    calls,
    per_operation,
    quick_mode,
    report,
)
from examples.coding.topological_sort.alien_dictionary import alien_order
from examples.coding.topological_sort.build_order import build_order
from examples.coding.topological_sort.can_finish import can_finish, can_finish_brute_force
from examples.coding.topological_sort.semesters import minimum_semesters
from examples.coding.topological_sort.template import dfs_order, kahn_order
from examples.coding.topological_sort.with_graphlib import graphlib_order

LINEAR_SIZES = QUICK_SIZES if quick_mode() else (500, 50_000)
QUADRATIC_SIZES = (30, 100) if quick_mode() else (100, 1_000)
REPEATS = 3  # best of 3: each large call takes up to a second or two


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def random_dag(size: int) -> tuple[int, list[list[int]]]:
    r = rng(size)
    rank = list(range(size))
    r.shuffle(rank)
    edges = []
    for _ in range(2 * size):
        a, b = r.randrange(size), r.randrange(size)
        if a != b:
            edges.append([a, b] if rank[a] < rank[b] else [b, a])
    return size, edges


def local_dag(size: int) -> tuple[int, list[list[int]]]:
    # The same number of edges, but node i points to i + 1 and i + 2: the sort
    # walks its lists front to back instead of jumping around memory.
    edges = [[node, node + step] for node in range(size) for step in (1, 2) if node + step < size]
    return size, edges


def random_prerequisites(size: int) -> tuple[int, list[list[int]]]:
    n, edges = random_dag(size)
    return n, [[after, before] for before, after in edges]  # [course, before]


def chain_prerequisites(size: int) -> tuple[int, list[list[int]]]:
    # Course i needs i + 1: listed in this order, the rescanning brute force
    # frees only the last course each round.
    return size, [[course, course + 1] for course in range(size - 1)]


def named_dag(size: int) -> tuple[list[str], list[list[str]]]:
    n, edges = random_dag(size)
    names = [f"p{node:06d}" for node in range(n)]
    return names, [[names[a], names[b]] for a, b in edges]


def sorted_words(size: int) -> tuple[list[str]]:
    # `size` random words of 1-8 letters, sorted under a shuffled alphabet.
    r = rng(size)
    alphabet = list(string.ascii_lowercase)
    r.shuffle(alphabet)
    rank = {letter: index for index, letter in enumerate(alphabet)}
    words = ["".join(r.choices(alphabet, k=r.randint(1, 8))) for _ in range(size)]
    return (sorted(words, key=lambda word: [rank[ch] for ch in word]),)


def linear(label: str, workload: Workload, claim: str = "O(n)") -> None:
    report(label, per_operation(workload, LINEAR_SIZES, REPEATS), claim=claim)


def wall_and_cpu(workload: Workload, sizes: tuple[int, int], repeats: int) -> tuple[Comparison, Comparison]:
    """Like per_operation, but each run is timed on two clocks: wall (perf_counter) and CPU."""
    repeats = 1 if quick_mode() else repeats
    wall, cpu = [], []
    for size in sizes:
        best_wall = best_cpu = float("inf")
        for _ in range(repeats):
            run, operations = workload(size)
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            run()
            best_cpu = min(best_cpu, (time.process_time() - cpu_start) / operations)
            best_wall = min(best_wall, (time.perf_counter() - wall_start) / operations)
        wall.append(Measurement(size, best_wall))
        cpu.append(Measurement(size, best_cpu))
    return Comparison(*wall), Comparison(*cpu)


def linear_two_clocks(label: str, workload: Workload) -> None:
    wall, cpu = wall_and_cpu(workload, LINEAR_SIZES, REPEATS)
    report(label, wall, claim="O(n)")
    report(label + ", CPU time", cpu, claim="O(n)")


if __name__ == "__main__":
    linear_two_clocks("Kahn order", calls(kahn_order, random_dag))
    linear_two_clocks("Kahn order, local edges", calls(kahn_order, local_dag))
    linear("DFS order (three colors)", calls(dfs_order, random_dag))
    linear("graphlib static_order", calls(graphlib_order, random_dag))
    linear("can finish (Kahn count)", calls(can_finish, random_prerequisites))
    linear("minimum semesters (levels)", calls(minimum_semesters, random_prerequisites))
    linear("build order (heap)", calls(build_order, named_dag), claim="O(n log n)")
    linear("alien dictionary (n words)", calls(alien_order, sorted_words))
    report(
        "can finish (rescan), chain",
        per_operation(calls(can_finish_brute_force, chain_prerequisites), QUADRATIC_SIZES, REPEATS),
        claim="O(n^2)",
    )
    report(
        "can finish (Kahn), same chain",
        per_operation(calls(can_finish, chain_prerequisites), QUADRATIC_SIZES, REPEATS),
        claim="O(n)",
    )
