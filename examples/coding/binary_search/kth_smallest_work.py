"""How much work kth_smallest does, counted instead of timed.

The benchmark's time for kth_smallest grows far faster than its O((m + n) log
range) bound. Counting the cells it reads separates the work from the cost of
each read: wrap every row in a list that counts its reads, and run the
unchanged function.
"""

from __future__ import annotations

import random
from typing import Any

from examples.coding.binary_search.kth_smallest_matrix import kth_smallest


def sorted_matrix(side: int, seed: int) -> list[list[int]]:
    """A side x side matrix whose rows and columns ascend, with repeats (seeded)."""
    r = random.Random(seed)  # seeded: the same matrix every run
    grid = [[0] * side for _ in range(side)]
    for i in range(side):
        for j in range(side):
            floor = max(grid[i - 1][j] if i else 0, grid[i][j - 1] if j else 0)
            grid[i][j] = floor + r.randrange(3)
    return grid


def one_shared_row(matrix: list[list[int]]) -> list[list[int]]:
    """A valid sorted matrix of the same shape whose rows are all one list object.

    Rows ascend and columns are constant, so kth_smallest runs the same code on
    it, but the memory it reads is one row instead of the whole matrix.
    """
    row = matrix[len(matrix) // 2]
    return [row] * len(matrix)


class _CountingRow(list):
    reads = 0

    def __getitem__(self, index: Any) -> Any:
        _CountingRow.reads += 1
        return super().__getitem__(index)


# --8<-- [start:count]
def cells_read(matrix: list[list[int]], k: int) -> int:
    """How many matrix cells kth_smallest(matrix, k) reads."""
    wrapped = {id(row): _CountingRow(row) for row in matrix}
    counted = [wrapped[id(row)] for row in matrix]  # keeps shared rows shared
    _CountingRow.reads = 0
    kth_smallest(counted, k)
    return _CountingRow.reads


# --8<-- [end:count]


def average_cells_read(
    matrix: list[list[int]], calls: int = 20, seed: int = 1
) -> float:
    """Mean cells read over `calls` seeded random k, as the benchmark does."""
    r = random.Random(seed)
    size = len(matrix) * len(matrix[0])
    ks = [r.randrange(1, size + 1) for _ in range(calls)]
    return sum(cells_read(matrix, k) for k in ks) / calls


if __name__ == "__main__":
    # --8<-- [start:demo]
    reads = {}
    for side in (100, 1_000):
        matrix = sorted_matrix(side, seed=side)  # the benchmark's matrices
        shared = one_shared_row(matrix)
        reads[side] = (average_cells_read(matrix), average_cells_read(shared))
        print(side, *(round(count) for count in reads[side]))
        #> 100 1402 1124
        #> 1000 20141 16275
    print(*(round(b / a, 1) for a, b in zip(reads[100], reads[1_000], strict=True)))
    #> 14.4 14.5
    # --8<-- [end:demo]
