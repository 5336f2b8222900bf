"""Shortest paths: time per call at two graph sizes for each solution on docs/coding/shortest-paths.md.

Graphs are seeded random: n nodes and 4n directed edges (weights 1..100), so
V + E grows as n and BFS, 0-1 BFS and the grid searches should show the O(n)
ratio, and Dijkstra O(n log n). Bellman-Ford gets its worst case on purpose:
a chain 0 -> 1 -> ... listed backward, so each round fixes one more node and
all n - 1 rounds run (O(V * E) = O(n^2) with E = 4n). Random edges on top
weigh n or more, so they never beat the chain. Cheapest flight keeps k = 10
stops at both sizes (O(k * E) = O(n)). Grids are square with about n cells.
The "not in cache" rows run the small size on several distinct graphs per
timed call, adding up to as many nodes as the large size. Sizes: 1,000 and
10,000 nodes (Bellman-Ford and its Dijkstra twin: 100 and 1,000), best of 3.
"""

from __future__ import annotations

import math
import random

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.shortest_paths.cheapest_flights import cheapest_flight
from examples.coding.shortest_paths.count_shortest_paths import count_shortest_paths
from examples.coding.shortest_paths.grid_eliminations import shortest_with_eliminations
from examples.coding.shortest_paths.min_obstacles import minimum_obstacles
from examples.coding.shortest_paths.minimum_effort import minimum_effort
from examples.coding.shortest_paths.negative_cycle import distances_or_none
from examples.coding.shortest_paths.network_delay import network_delay_time
from examples.coding.shortest_paths.template import (
    bfs_distances,
    build_adjacency,
    dijkstra,
    zero_one_bfs,
)
from examples.coding.shortest_paths.weighted_path import shortest_path

SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
QUADRATIC_SIZES = (50, 150) if quick_mode() else (100, 1_000)
REPEATS = 3  # best of 3; the full run stays well under 30 s


def measure(workload, sizes: tuple[int, int] = SIZES):
    return per_operation(workload, sizes, repeats=REPEATS)


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def random_edges(size: int, low: int = 1, high: int = 100) -> list[list[int]]:
    r = rng(size)
    # A chain keeps every node reachable; the rest are random.
    edges = [[i, i + 1, r.randint(low, high)] for i in range(size - 1)]
    edges += [[r.randrange(size), r.randrange(size), r.randint(low, high)] for _ in range(3 * size)]
    return edges


def adjacency_args(size: int) -> tuple:
    return build_adjacency(size, random_edges(size)), 0


def unweighted_args(size: int) -> tuple:
    return [[v for v, _ in out] for out in build_adjacency(size, random_edges(size))], 0


def zero_one_args(size: int) -> tuple:
    return build_adjacency(size, random_edges(size, 0, 1)), 0


def delay_args(size: int) -> tuple:
    return [[u + 1, v + 1, w] for u, v, w in random_edges(size)], size, 1


def path_args(size: int) -> tuple:
    return size, random_edges(size), 0, size - 1


def flight_args(size: int) -> tuple:
    return size, random_edges(size), 0, size - 1, 10


def worst_case_bellman_ford_args(size: int) -> tuple:
    r = rng(size)
    chain = [[i, i + 1, 1] for i in reversed(range(size - 1))]
    heavy = [[r.randrange(size), r.randrange(size), r.randint(size, 2 * size)] for _ in range(3 * size)]
    return size, heavy + chain, 0


def grid(size: int, density: float) -> list[list[int]]:
    r = rng(size)
    side = math.isqrt(size)
    cells = [[int(r.random() < density) for _ in range(side)] for _ in range(side)]
    cells[0][0] = cells[-1][-1] = 0
    return cells


def cold(function, make_args, total: int):
    """A workload over several distinct graphs adding up to `total` nodes.

    A graph built just before its timed call is still in the CPU cache when
    it is small; spreading the small size over many graphs takes that away.
    """

    def workload(size: int):
        inputs = [make_args(size + i) for i in range(max(1, total // size))]

        def run() -> None:
            for args in inputs:
                function(*args)

        return run, len(inputs)

    return workload


def heights(size: int) -> tuple:
    r = rng(size)
    side = math.isqrt(size)
    return ([[r.randrange(1_000) for _ in range(side)] for _ in range(side)],)


if __name__ == "__main__":
    report("BFS (template)", measure(calls(bfs_distances, unweighted_args)), claim="O(n)")
    report(
        "BFS, small graphs not in cache",
        measure(cold(bfs_distances, unweighted_args, SIZES[1])),
        claim="O(n)",
    )
    report("Dijkstra (template)", measure(calls(dijkstra, adjacency_args)), claim="O(n log n)")
    report(
        "Dijkstra, small graphs not in cache",
        measure(cold(dijkstra, adjacency_args, SIZES[1])),
        claim="O(n log n)",
    )
    report("0-1 BFS (template)", measure(calls(zero_one_bfs, zero_one_args)), claim="O(n)")
    report("network delay time", measure(calls(network_delay_time, delay_args)), claim="O(n log n)")
    report("shortest path with route", measure(calls(shortest_path, path_args)), claim="O(n log n)")
    report("cheapest flight, k = 10", measure(calls(cheapest_flight, flight_args)), claim="O(n)")
    report(
        "minimum obstacles (0-1 BFS grid)",
        measure(calls(minimum_obstacles, lambda size: (grid(size, 0.3),))),
        claim="O(n)",
    )
    report(
        "Bellman-Ford, worst-case order",
        measure(calls(distances_or_none, worst_case_bellman_ford_args), QUADRATIC_SIZES),
        claim="O(n^2)",
    )
    report(
        "Dijkstra, same n as Bellman-Ford",
        measure(calls(dijkstra, adjacency_args), QUADRATIC_SIZES),
        claim="O(n log n)",
    )
    report("minimum effort (practice)", measure(calls(minimum_effort, heights)), claim="O(n log n)")
    report(
        "count shortest paths (practice)",
        measure(calls(count_shortest_paths, lambda size: (size, random_edges(size)))),
        claim="O(n log n)",
    )
    report(
        "eliminations, k = 5 (practice)",
        measure(calls(shortest_with_eliminations, lambda size: (grid(size, 0.3), 5))),
        claim="O(n)",
    )
