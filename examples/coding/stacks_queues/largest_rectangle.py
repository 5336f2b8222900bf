"""The largest rectangle that fits under a histogram of bars of width 1."""

from collections.abc import Sequence


def _check_heights(heights: Sequence[int]) -> None:
    if any(height < 0 for height in heights):
        raise ValueError("bar heights must be 0 or more")


# --8<-- [start:optimal]
def largest_rectangle_area(heights: Sequence[int]) -> int:
    """Each bar, when popped, is the shortest bar of the widest rectangle it can lead.

    The stack holds indices of bars with strictly rising heights. When bar i is
    not taller than the top, the top can extend no further right: its rectangle
    spans from just after the bar below it on the stack to just before i.
    A sentinel bar of height 0 at the end pops whatever is left. O(n) time.
    """
    _check_heights(heights)
    bars = [*heights, 0]  # the sentinel: without it a rising histogram returns 0
    rising: list[int] = []  # indices, because the width is a distance
    best = 0
    for i, height in enumerate(bars):
        while rising and bars[rising[-1]] >= height:
            shortest = bars[rising.pop()]
            left_wall = rising[-1] if rising else -1  # first shorter bar to the left
            best = max(best, shortest * (i - left_wall - 1))
        rising.append(i)
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def largest_rectangle_area_brute_force(heights: Sequence[int]) -> int:
    """Every pair of edges, with a running minimum: O(n^2) time, O(1) space."""
    _check_heights(heights)
    best = 0
    for left in range(len(heights)):
        shortest = heights[left]
        for right in range(left, len(heights)):
            shortest = min(shortest, heights[right])
            best = max(best, shortest * (right - left + 1))
    return best


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(largest_rectangle_area([2, 1, 5, 6, 2, 3]))  # 5 and 6: height 5, width 2
    #> 10
    print(largest_rectangle_area([1, 2, 3, 4, 5]))  # only the sentinel pops these
    #> 9
    # --8<-- [end:demo]
