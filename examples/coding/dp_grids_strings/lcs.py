"""Longest common subsequence: the length in one row, one LCS from the full table."""

from __future__ import annotations


# --8<-- [start:length]
def lcs_length(a: str, b: str) -> int:
    """Length of a longest common subsequence of a and b.

    The state: row[j] after processing a[:i] is the LCS length of a[:i] and
    b[:j]. Transition: if a[i - 1] == b[j - 1], the diagonal plus one, else
    the larger of the cell above (old row[j]) and the cell to the left (new
    row[j - 1]). The diagonal is the old row[j - 1], which this row has
    already overwritten, so it is saved in `diagonal` first.
    Time O(m * n), space O(min(m, n)): the shorter string goes on the row.
    """
    if len(b) > len(a):
        a, b = b, a  # LCS is symmetric; a shorter row is less memory
    row = [0] * (len(b) + 1)  # row 0: the empty prefix of a
    for i in range(1, len(a) + 1):
        diagonal = 0  # old row[0]: the empty prefix of b is always 0
        for j in range(1, len(b) + 1):
            above = row[j]  # old row[j], the diagonal of the next cell
            if a[i - 1] == b[j - 1]:
                row[j] = diagonal + 1
            else:
                row[j] = max(above, row[j - 1])
            diagonal = above
    return row[-1]


# --8<-- [end:length]


# --8<-- [start:reconstruct]
def longest_common_subsequence(a: str, b: str) -> str:
    """One longest common subsequence of a and b (there may be several).

    Fills the whole (m + 1) x (n + 1) table, then walks back from (m, n):
    a match on the diagonal is part of the answer; otherwise step toward
    the neighbor that holds the same length. Time O(m * n), space O(m * n):
    the walk needs every row, so this one cannot roll.
    """
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    letters: list[str] = []
    i, j = len(a), len(b)
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            letters.append(a[i - 1])
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1  # the answer for (i, j) is also the answer without a[i - 1]
        else:
            j -= 1
    return "".join(reversed(letters))


# --8<-- [end:reconstruct]


# --8<-- [start:brute_force]
def lcs_length_brute_force(a: str, b: str) -> int:
    """Plain recursion over every choice at (i, j): skip a[i], skip b[j],
    or, when they are equal, keep both.

    No cache, so the same suffix pair is solved again and again. Each call
    makes at most three calls and the depth is at most m + n: time
    O(3^(m + n)), space O(m + n) of recursion.
    """

    def best(i: int, j: int) -> int:
        if i == len(a) or j == len(b):
            return 0
        length = max(best(i + 1, j), best(i, j + 1))
        if a[i] == b[j]:
            length = max(length, 1 + best(i + 1, j + 1))
        return length

    return best(0, 0)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(lcs_length("ABCBDAB", "BDCABA"), lcs_length_brute_force("ABCBDAB", "BDCABA"))
    #> 4 4
    print(longest_common_subsequence("ABCBDAB", "BDCABA"))
    #> BCBA
    print(longest_common_subsequence("BDCABA", "ABCBDAB"))  # swapped: another LCS
    #> BDAB
    print(repr(longest_common_subsequence("abc", "xyz")))
    #> ''
    # --8<-- [end:demo]
