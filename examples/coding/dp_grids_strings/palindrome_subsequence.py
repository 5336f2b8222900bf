"""Longest palindromic subsequence: as an LCS with the reverse, and as an interval DP."""

from __future__ import annotations

from examples.coding.dp_grids_strings.lcs import lcs_length


# --8<-- [start:optimal]
def longest_palindrome_subsequence(s: str) -> int:
    """Length of a longest subsequence of s that reads the same both ways.

    The state: best[i][j] is the answer for the slice s[i..j], inclusive.
    Transition: if s[i] == s[j], both ends join the palindrome inside,
    2 + best[i + 1][j - 1]; else one end is unused, the larger of
    best[i + 1][j] and best[i][j - 1]. A cell reads the row below it, so
    rows are filled from the bottom up (i downward) and each row left to
    right (j upward). Time O(n^2), space O(n^2); one row would do, see
    the bugs section for why the order matters.
    """
    n = len(s)
    best = [[0] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):  # row i reads row i + 1: fill it first
        best[i][i] = 1  # one letter is a palindrome
        for j in range(i + 1, n):
            if s[i] == s[j]:
                # i + 1 > j - 1 when j == i + 1: an empty middle, which is 0
                best[i][j] = 2 + best[i + 1][j - 1]
            else:
                best[i][j] = max(best[i + 1][j], best[i][j - 1])
    return best[0][n - 1] if n else 0


# --8<-- [end:optimal]


# --8<-- [start:via_lcs]
def longest_palindrome_subsequence_via_lcs(s: str) -> int:
    """The same length, as the LCS of s and its reverse. Time O(n^2), space O(n).

    A palindromic subsequence of s is also one of reversed s, so the LCS is
    at least as long. It is never longer: the pairs of positions an LCS
    uses on one side of the middle spell a palindrome at least as long
    (the argument is on the page). The property test checks it too.
    """
    return lcs_length(s, s[::-1])


# --8<-- [end:via_lcs]


# --8<-- [start:brute_force]
def longest_palindrome_subsequence_brute_force(s: str) -> int:
    """Plain recursion over the slice s[i..j]: keep equal ends, drop the left
    end, or drop the right end. No cache: time O(3^n), space O(n).
    """

    def best(i: int, j: int) -> int:
        if i > j:
            return 0
        if i == j:
            return 1
        length = max(best(i + 1, j), best(i, j - 1))
        if s[i] == s[j]:
            length = max(length, 2 + best(i + 1, j - 1))
        return length

    return best(0, len(s) - 1)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for text in ["bbbab", "character", "abcd", ""]:
        print(
            repr(text),
            longest_palindrome_subsequence(text),
            longest_palindrome_subsequence_via_lcs(text),
        )
        #> 'bbbab' 4 4
        #> 'character' 5 5
        #> 'abcd' 1 1
        #> '' 0 0
    # --8<-- [end:demo]
