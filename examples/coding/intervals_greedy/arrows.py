"""Minimum arrows to burst balloons: the fewest points that hit every interval."""

from __future__ import annotations

from itertools import combinations

from examples.coding.intervals_greedy.checks import require_intervals


# --8<-- [start:optimal]
def min_arrows(balloons: list[list[int]]) -> int:
    """Fewest vertical arrows that burst every closed balloon [x_start, x_end].

    An arrow at x bursts every balloon with x_start <= x <= x_end, so one
    arrow at 2 bursts both [1, 2] and [2, 3]. Time O(n log n), space O(n).
    """
    require_intervals(balloons, closed=True)
    arrows = 0
    arrow_at = None
    for start, end in sorted(balloons, key=lambda balloon: balloon[1]):
        if arrow_at is None or start > arrow_at:  # the last arrow misses it
            arrows += 1
            arrow_at = end  # as far right as this balloon allows
    return arrows


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def min_arrows_brute_force(balloons: list[list[int]]) -> int:
    """Try every set of arrow positions at balloon ends, smallest sets first.

    Ends suffice: an arrow slides right to the nearest end of a balloon it
    bursts and still bursts all of them. Up to 2^n sets, each checked
    against every balloon: time O(2^n * n^2), space O(n).
    """
    require_intervals(balloons, closed=True)
    ends = sorted({end for _, end in balloons})
    for count in range(len(ends) + 1):
        for shots in combinations(ends, count):
            if all(any(start <= x <= end for x in shots) for start, end in balloons):
                return count
    return len(ends)  # not reached: an arrow at every end bursts them all


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(min_arrows([[10, 16], [2, 8], [1, 6], [7, 12]]))  # arrows at 6 and 12
    #> 2
    print(min_arrows([[1, 2], [2, 3], [3, 4], [4, 5]]))  # closed: arrows at 2 and 4
    #> 2
    # --8<-- [end:demo]
