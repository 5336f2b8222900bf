"""Practice: the k-th smallest value of a matrix whose rows and columns are sorted."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


def _check(matrix: list[list[int]], k: int) -> None:
    if not matrix or not matrix[0] or any(len(row) != len(matrix[0]) for row in matrix):
        raise ValueError("matrix must be a non-empty rectangle")
    if not 1 <= k <= len(matrix) * len(matrix[0]):
        raise ValueError(f"k must be in 1..{len(matrix) * len(matrix[0])}, got {k}")


# --8<-- [start:optimal]
def count_at_most(matrix: list[list[int]], value: int) -> int:
    """How many entries are <= value: walk a staircase from the bottom-left. O(m + n)."""
    count, row, col = 0, len(matrix) - 1, 0
    while row >= 0 and col < len(matrix[0]):
        if matrix[row][col] <= value:
            count += row + 1  # this entry and every one above it
            col += 1
        else:
            row -= 1
    return count


def kth_smallest(matrix: list[list[int]], k: int) -> int:
    """Binary search on the value: O((m + n) log(max - min))."""
    _check(matrix, k)
    smallest, largest = matrix[0][0], matrix[-1][-1]
    # The first value v with at least k entries <= v is an entry of the matrix.
    return first_true(smallest, largest, lambda v: count_at_most(matrix, v) >= k)


# --8<-- [end:optimal]


def kth_smallest_brute_force(matrix: list[list[int]], k: int) -> int:
    """Flatten and sort. O(mn log(mn))."""
    _check(matrix, k)
    return sorted(value for row in matrix for value in row)[k - 1]
