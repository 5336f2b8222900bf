"""Practice: the largest square of 1s in a 0/1 matrix."""

from __future__ import annotations


def _require_matrix(matrix: list[list[int]]) -> None:
    if any(len(row) != len(matrix[0]) for row in matrix):
        raise ValueError("every row of the matrix must have the same length")
    if any(cell not in (0, 1) for row in matrix for cell in row):
        raise ValueError("matrix cells must be 0 or 1")


# --8<-- [start:optimal]
def maximal_square(matrix: list[list[int]]) -> int:
    """Area of the largest all-1 square in a 0/1 matrix.

    The state: side[j] after row i is the side of the largest all-1 square
    whose bottom-right corner is (i, j). Transition: 0 on a 0 cell, else
    1 + the smallest of above, left and diagonal, since the square is
    limited by the shortest of the three squares it overlaps.
    Time O(m * n), space O(n): one row plus the saved diagonal.
    """
    _require_matrix(matrix)  # before the empty check: [[], [1]] is ragged
    if not matrix or not matrix[0]:
        return 0
    side = [0] * (len(matrix[0]) + 1)  # side[0]: a column of zeros at the left
    largest = 0
    for row in matrix:
        diagonal = 0
        for j, cell in enumerate(row, start=1):
            above = side[j]
            side[j] = 1 + min(above, side[j - 1], diagonal) if cell else 0
            largest = max(largest, side[j])
            diagonal = above
    return largest * largest


# --8<-- [end:optimal]


def maximal_square_brute_force(matrix: list[list[int]]) -> int:
    """Try every top-left corner and every size, checking each cell.

    Time O(m * n * min(m, n)^3) in the worst case, space O(1).
    """
    _require_matrix(matrix)
    if not matrix or not matrix[0]:
        return 0
    rows, cols = len(matrix), len(matrix[0])
    largest = 0
    for top in range(rows):
        for left in range(cols):
            for size in range(1, min(rows - top, cols - left) + 1):
                cells = (
                    matrix[top + di][left + dj]
                    for di in range(size)
                    for dj in range(size)
                )
                if all(cells):
                    largest = max(largest, size)
    return largest * largest


if __name__ == "__main__":
    print(maximal_square([[1, 0, 1, 0], [1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1]]))
    #> 9
