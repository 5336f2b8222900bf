"""The bugs people write in 2-D dynamic programs, each beside a run that exposes it."""

from __future__ import annotations

from functools import cache

from examples.coding.dp_grids_strings.lcs import lcs_length
from examples.coding.dp_grids_strings.palindrome_subsequence import (
    longest_palindrome_subsequence,
)


# --8<-- [start:no_empty_row]
def lcs_length_no_empty_row(a: str, b: str) -> int:
    """BUG: an m x n table with no row or column for the empty prefix.

    Cell (i, j) means a[: i + 1] and b[: j + 1], so the first row and column
    read index -1, which Python quietly takes as the LAST row or column.
    """
    if not a or not b:
        return 0
    table = [[0] * len(b) for _ in range(len(a))]
    for i in range(len(a)):
        for j in range(len(b)):
            if a[i] == b[j]:
                table[i][j] = table[i - 1][j - 1] + 1  # i - 1 or j - 1 may be -1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


# --8<-- [end:no_empty_row]


# --8<-- [start:wrong_order]
def palindrome_subsequence_rows_top_down(s: str) -> int:
    """BUG: the interval DP with rows filled top to bottom (i upward).

    Cell (i, j) reads row i + 1, which is still all zeros when row i runs.
    """
    n = len(s)
    best = [[0] * n for _ in range(n)]
    for i in range(n):  # should be range(n - 1, -1, -1)
        best[i][i] = 1
        for j in range(i + 1, n):
            if s[i] == s[j]:
                best[i][j] = 2 + best[i + 1][j - 1]
            else:
                best[i][j] = max(best[i + 1][j], best[i][j - 1])
    return best[0][n - 1] if n else 0


# --8<-- [end:wrong_order]


# --8<-- [start:lost_diagonal]
def lcs_length_one_row_no_diagonal(a: str, b: str) -> int:
    """BUG: one rolling row that reads row[j - 1] as the diagonal.

    By the time cell j runs, row[j - 1] already holds THIS row's value
    (the cell to the left), not the previous row's (the diagonal).
    """
    row = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                row[j] = row[j - 1] + 1  # the left cell, not the diagonal
            else:
                row[j] = max(row[j], row[j - 1])
    return row[-1]


# --8<-- [end:lost_diagonal]


# --8<-- [start:memo_depth]
def lcs_length_memo(a: str, b: str) -> int:
    """Top-down LCS: correct, but one stack frame per step along the path."""

    @cache
    def best(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return 0
        if a[i] == b[j]:
            return 1 + best(i + 1, j + 1)
        return max(best(i + 1, j), best(i, j + 1))

    return best(0, 0)


def outcome(function: object, *args: str) -> str:
    """The result of function(*args), or the name of the error it raised."""
    try:
        return str(function(*args))  # type: ignore[operator]
    except RecursionError:
        return "RecursionError"


# --8<-- [end:memo_depth]


if __name__ == "__main__":
    # --8<-- [start:demo_no_empty_row]
    print(lcs_length("ab", "ba"), lcs_length_no_empty_row("ab", "ba"))
    #> 1 2
    # --8<-- [end:demo_no_empty_row]
    # --8<-- [start:demo_wrong_order]
    print(
        longest_palindrome_subsequence("aba"),
        palindrome_subsequence_rows_top_down("aba"),
    )
    #> 3 2
    # --8<-- [end:demo_wrong_order]
    # --8<-- [start:demo_lost_diagonal]
    print(lcs_length("a", "aa"), lcs_length_one_row_no_diagonal("a", "aa"))
    #> 1 2
    # --8<-- [end:demo_lost_diagonal]
    # --8<-- [start:demo_memo_depth]
    same_100, same_1000 = "a" * 100, "a" * 1_000
    print(outcome(lcs_length_memo, same_100, same_100))
    #> 100
    print(outcome(lcs_length_memo, same_1000, same_1000))
    #> RecursionError
    print(outcome(lcs_length_memo, "a" * 400, "b" * 400))  # no letter in common
    #> RecursionError
    print(outcome(lcs_length, same_1000, same_1000))
    #> 1000
    print(outcome(lcs_length, "a" * 1_000, "b" * 1_000))
    #> 0
    # --8<-- [end:demo_memo_depth]
