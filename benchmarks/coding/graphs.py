"""Graphs: time per call at two input sizes for each solution on docs/coding/graphs.md.

Grid workloads take the size as a cell count (a square grid of side sqrt(n)):
1,000 and 10,000 cells (sides 31 and 100), where O(rows * cols) predicts a
ratio of about 10. Graph workloads have n nodes and n random edges at the same
sizes, plus a path 0-1-2-... whose lists sit in node order, to compare with the
random edges' scattered memory access. The word ladder runs on a connected cloud
of 6-letter words whose end word is unreachable, so every version explores all
of it, at 1,000 and 10,000 words (O(N) predicts 10). The two brute forces are
quadratic and run on small inputs.
"""

from __future__ import annotations

import math
import random
from string import ascii_lowercase

from benchmarks.timing import calls, per_operation, quick_mode, report
from examples.coding.graphs.bipartite import is_bipartite
from examples.coding.graphs.connected_components import count_components
from examples.coding.graphs.number_of_islands import num_islands, num_islands_brute_force
from examples.coding.graphs.rotting_oranges import minutes_to_rot
from examples.coding.graphs.shortest_path_grid import shortest_clear_path
from examples.coding.graphs.word_ladder import (
    ladder_length,
    ladder_length_brute_force,
    ladder_length_letters,
)

LINEAR_SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
WORD_SIZES = (100, 1_000) if quick_mode() else (1_000, 10_000)
BRUTE_GRID_SIZES = (25, 100) if quick_mode() else (100, 400)
BRUTE_WORD_SIZES = (50, 200) if quick_mode() else (100, 1_000)
REPEATS = 1 if quick_mode() else 3


def rng(size: int) -> random.Random:
    return random.Random(size)  # noqa: S311 - seeded, repeatable inputs


def random_grid(size: int, weights: tuple[int, ...]) -> list[list[int]]:
    side = math.isqrt(size)
    r = rng(size)
    return [r.choices(range(len(weights)), weights, k=side) for _ in range(side)]


def land_and_water(size: int) -> tuple[list[list[int]]]:
    return (random_grid(size, (1, 1)),)


def all_land(size: int) -> tuple[list[list[int]]]:
    side = math.isqrt(size)
    return ([[1] * side for _ in range(side)],)  # one island: every fill is the whole grid


def mostly_clear(size: int) -> tuple[list[list[int]]]:
    grid = random_grid(size, (7, 3))  # 0 = clear with weight 7
    grid[0][0] = grid[-1][-1] = 0  # the far corner is reached last, if at all
    return (grid,)


def oranges(size: int) -> tuple[list[list[int]]]:
    return (random_grid(size, (1, 8, 1)),)


def random_edges(size: int) -> tuple[int, list[list[int]]]:
    r = rng(size)
    return size, [[r.randrange(size), r.randrange(size)] for _ in range(size)]


def path_edges(size: int) -> tuple[int, list[list[int]]]:
    # The same node count with every edge joining i and i + 1: one component, in order.
    return size, [[node, node + 1] for node in range(size - 1)]


def bipartite_edges(size: int) -> tuple[int, list[list[int]]]:
    # Edges only join an even node to an odd one: bipartite, so no early exit.
    r = rng(size)
    half = size // 2
    return size, [[2 * r.randrange(half), 2 * r.randrange(half) + 1] for _ in range(size)]


def word_cloud(size: int) -> tuple[str, str, list[str]]:
    # A random walk of one-letter changes: every word is reachable from the first.
    r = rng(size)
    word = "".join(r.choices(ascii_lowercase, k=6))
    words = {word}
    while len(words) < size:
        i = r.randrange(6)
        word = word[:i] + r.choice(ascii_lowercase) + word[i + 1 :]
        words.add(word)
    listed = sorted(words)
    return listed[0], "000000", [*listed, "000000"]  # the end word has no neighbor


if __name__ == "__main__":
    rows = [
        ("number of islands", num_islands, land_and_water, LINEAR_SIZES, "O(n)"),
        ("shortest clear path (8 directions)", shortest_clear_path, mostly_clear, LINEAR_SIZES, "O(n)"),
        ("rotting oranges (practice)", minutes_to_rot, oranges, LINEAR_SIZES, "O(n)"),
        ("connected components", count_components, random_edges, LINEAR_SIZES, "O(n)"),
        ("connected components, path in order", count_components, path_edges, LINEAR_SIZES, "O(n)"),
        ("is bipartite", is_bipartite, bipartite_edges, LINEAR_SIZES, "O(n)"),
        ("word ladder (buckets)", ladder_length, word_cloud, WORD_SIZES, "O(n)"),
        ("word ladder (26 letters)", ladder_length_letters, word_cloud, WORD_SIZES, "O(n)"),
        ("islands brute force, all land", num_islands_brute_force, all_land, BRUTE_GRID_SIZES, "O(n^2)"),
        ("islands one pass, all land", num_islands, all_land, BRUTE_GRID_SIZES, "O(n)"),
        ("word ladder brute force (all pairs)", ladder_length_brute_force, word_cloud, BRUTE_WORD_SIZES, "O(n^2)"),
        ("word ladder (buckets), same n", ladder_length, word_cloud, BRUTE_WORD_SIZES, "O(n)"),
    ]
    for label, function, make_args, sizes, claim in rows:
        report(label, per_operation(calls(function, make_args), sizes, REPEATS), claim=claim)
