"""Palindrome partitioning: every way to cut a string into palindromes."""

from __future__ import annotations

from itertools import product


# --8<-- [start:optimal]
def palindrome_partitions(text: str) -> list[list[str]]:
    """Every split of `text` into pieces that each read the same both ways.

    The choice at each step is where the next piece ends; only a palindrome
    may be chosen, which prunes the rest. A table computed first answers
    "is text[i:j] a palindrome?" in O(1). Time O(n * 2^n) in the worst case
    ("aaaa...": every one of the 2^(n-1) splits works); space O(n^2) for the table.
    """
    n = len(text)
    # is_pal[i][j]: text[i:j + 1] is a palindrome. Filled from short to long.
    is_pal = [[False] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):
        for j in range(i, n):
            is_pal[i][j] = text[i] == text[j] and (j - i < 2 or is_pal[i + 1][j - 1])
    result: list[list[str]] = []
    path: list[str] = []

    def explore(start: int) -> None:
        if start == n:
            result.append(path.copy())
            return
        for end in range(start, n):
            if is_pal[start][end]:
                path.append(text[start : end + 1])
                explore(end + 1)
                path.pop()

    explore(0)
    return result


# --8<-- [end:optimal]


def palindrome_partitions_brute_force(text: str) -> list[list[str]]:
    """All 2^(n-1) ways to cut or not cut between letters, kept if every piece is one."""
    if not text:
        return [[]]
    result = []
    for cuts in product((False, True), repeat=len(text) - 1):
        pieces, start = [], 0
        for i, cut in enumerate(cuts, start=1):
            if cut:
                pieces.append(text[start:i])
                start = i
        pieces.append(text[start:])
        if all(piece == piece[::-1] for piece in pieces):
            result.append(pieces)
    return result


if __name__ == "__main__":
    print(palindrome_partitions("aab"))
    #> [['a', 'a', 'b'], ['aa', 'b']]
