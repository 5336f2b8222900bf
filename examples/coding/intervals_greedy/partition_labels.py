"""Partition labels: cut a string into the most pieces so no letter is in two."""

from __future__ import annotations

from itertools import combinations, pairwise


# --8<-- [start:optimal]
def partition_labels(text: str) -> list[int]:
    """Sizes of the most pieces such that every letter appears in one piece only.

    Each letter spans a closed interval [first, last] of positions; a piece
    must cover every span it touches. Time O(n), space O(alphabet).
    """
    last = {letter: i for i, letter in enumerate(text)}
    sizes: list[int] = []
    start = end = 0
    for i, letter in enumerate(text):
        end = max(end, last[letter])  # this piece must reach the letter's last use
        if i == end:  # nothing in the piece appears later: cut here
            sizes.append(end - start + 1)
            start = i + 1
    return sizes


# --8<-- [end:optimal]


def partition_labels_brute_force(text: str) -> list[int]:
    """Try every set of cut positions, most cuts first. Time O(2^n * n)."""
    n = len(text)
    for cut_count in range(n - 1, -1, -1):
        for cuts in combinations(range(1, n), cut_count):
            bounds = [0, *cuts, n]
            pieces = [text[a:b] for a, b in pairwise(bounds)]
            seen: set[str] = set()
            if all(seen.isdisjoint(p) and not seen.update(p) for p in pieces):
                return [len(piece) for piece in pieces]
    return []  # the empty string has no pieces


if __name__ == "__main__":
    print(partition_labels("abacbdefegdh"))
    #> [5, 6, 1]
