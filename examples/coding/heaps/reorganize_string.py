"""Practice: rearrange letters so that no two equal letters are adjacent."""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import pairwise, permutations


# --8<-- [start:optimal]
def reorganize_string(text: str) -> str:
    """A rearrangement of text with no two equal neighbors, or "" if none exists.

    Greedy: place the most frequent letter that differs from the last one.
    Time O(n log a) for an alphabet of a letters, space O(a) besides the output.
    """
    heap = [(-count, letter) for letter, count in Counter(text).items()]
    heapq.heapify(heap)
    placed: list[str] = []
    held: tuple[int, str] | None = None  # the letter just placed sits out a turn
    while heap:
        neg_count, letter = heapq.heappop(heap)
        placed.append(letter)
        if held is not None:
            heapq.heappush(heap, held)
        held = (neg_count + 1, letter) if neg_count + 1 < 0 else None
    # Letters left over in `held` mean the most frequent one could not be spread.
    return "".join(placed) if held is None else ""


# --8<-- [end:optimal]


def reorganize_string_brute_force(text: str) -> str:
    """Try every ordering (short inputs only). Time O(n! * n)."""
    for candidate in permutations(text):
        if all(a != b for a, b in pairwise(candidate)):
            return "".join(candidate)
    return ""


if __name__ == "__main__":
    print(reorganize_string("aaabbc"), repr(reorganize_string("aaab")))
    #> ababac ''
