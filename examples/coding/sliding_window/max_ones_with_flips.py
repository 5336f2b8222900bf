"""Longest run of 1s in a 0/1 list if you may flip at most k zeros to 1."""

from __future__ import annotations

from collections.abc import Sequence


def _check(bits: Sequence[int], k: int) -> None:
    if k < 0:
        raise ValueError(f"k must be at least 0, got {k}")
    if any(bit not in (0, 1) for bit in bits):
        raise ValueError("bits must hold only 0 and 1")


# --8<-- [start:optimal]
def longest_ones_with_flips(bits: Sequence[int], k: int) -> int:
    """The longest window holding at most k zeros: O(n) time, O(1) space."""
    _check(bits, k)
    zeros = left = best = 0
    for right, bit in enumerate(bits):
        zeros += bit == 0
        while zeros > k:
            zeros -= bits[left] == 0
            left += 1
        best = max(best, right - left + 1)
    return best


# --8<-- [end:optimal]


def longest_ones_with_flips_brute_force(bits: Sequence[int], k: int) -> int:
    """Every window, zeros counted from scratch: O(n^3) time."""
    _check(bits, k)
    return max(
        (
            end - start
            for start in range(len(bits))
            for end in range(start + 1, len(bits) + 1)
            if bits[start:end].count(0) <= k
        ),
        default=0,
    )


if __name__ == "__main__":
    print(longest_ones_with_flips([1, 1, 0, 0, 1, 1, 1, 0, 1], 1))
    #> 5
