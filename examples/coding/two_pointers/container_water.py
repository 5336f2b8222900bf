"""Container with most water: two lines and the x-axis hold the most water."""

from __future__ import annotations


def _require_heights(heights: list[int]) -> None:
    if any(height < 0 for height in heights):
        raise ValueError("heights must be zero or more")


# --8<-- [start:optimal]
def max_area(heights: list[int]) -> int:
    """The most water two lines can hold: max of (j - i) * min(h[i], h[j]).

    Fewer than two lines hold nothing (0). Negative heights raise ValueError.
    Time O(n), space O(1).
    """
    _require_heights(heights)
    best = 0
    left, right = 0, len(heights) - 1
    while left < right:
        width = right - left
        if heights[left] <= heights[right]:
            # Every container that keeps left and moves right inward is
            # narrower and no taller than heights[left]: none beats this one.
            best = max(best, width * heights[left])
            left += 1
        else:
            best = max(best, width * heights[right])
            right -= 1
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def max_area_brute_force(heights: list[int]) -> int:
    """Measure every pair of lines. Time O(n^2), space O(1)."""
    _require_heights(heights)
    best = 0
    for i in range(len(heights)):
        for j in range(i + 1, len(heights)):
            best = max(best, (j - i) * min(heights[i], heights[j]))
    return best


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(max_area([1, 8, 6, 2, 5, 4, 8, 3, 7]))
    #> 49
    print(max_area([4, 3, 2, 1, 4]))
    #> 16
    print(max_area([5]))
    #> 0
    # --8<-- [end:demo]
