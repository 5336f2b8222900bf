"""Length of the longest substring with at most k distinct characters."""

from __future__ import annotations

from collections import Counter


def _check(k: int) -> None:
    if k < 0:
        raise ValueError(f"k must be at least 0, got {k}")


# --8<-- [start:optimal]
def longest_k_distinct(text: str, k: int) -> int:
    """Grow right; while more than k distinct characters are inside, shrink left.

    O(n) time, O(k) space: the counter never holds more than k + 1 keys.
    """
    _check(k)
    counts: Counter[str] = Counter()
    left = best = 0
    for right, char in enumerate(text):
        counts[char] += 1
        while len(counts) > k:
            gone = text[left]
            counts[gone] -= 1
            if counts[gone] == 0:
                del counts[gone]  # a zero left behind still counts in len()
            left += 1
        best = max(best, right - left + 1)
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute]
def longest_k_distinct_brute_force(text: str, k: int) -> int:
    """From every start, extend while at most k distinct: O(n^2) time."""
    _check(k)
    best = 0
    for start in range(len(text)):
        seen: set[str] = set()
        for end in range(start, len(text)):
            seen.add(text[end])
            if len(seen) > k:
                break
            best = max(best, end - start + 1)
    return best


# --8<-- [end:brute]


if __name__ == "__main__":
    print(longest_k_distinct("eceba", 2))
    #> 3
    print(longest_k_distinct("aabbcc", 1))
    #> 2
