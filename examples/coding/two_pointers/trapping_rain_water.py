"""Practice: how much rain an elevation map traps, with two pointers and O(1) space."""

from __future__ import annotations


def _require_heights(heights: list[int]) -> None:
    if any(height < 0 for height in heights):
        raise ValueError("heights must be zero or more")


# --8<-- [start:optimal]
def trapped_water(heights: list[int]) -> int:
    """Units of water held above the bars. Time O(n), space O(1).

    Water above a bar is min(tallest to its left, tallest to its right) minus
    its height. Move the side whose running maximum is lower: that maximum
    is the bar's limit, whatever lies between the pointers.
    """
    _require_heights(heights)
    water = 0
    left, right = 0, len(heights) - 1
    left_max = right_max = 0
    while left <= right:  # every bar is settled once, so the meeting bar counts
        if left_max <= right_max:
            left_max = max(left_max, heights[left])
            water += left_max - heights[left]
            left += 1
        else:
            right_max = max(right_max, heights[right])
            water += right_max - heights[right]
            right -= 1
    return water


# --8<-- [end:optimal]


def trapped_water_brute_force(heights: list[int]) -> int:
    """For each bar, scan both sides for their maxima. Time O(n^2), space O(1)."""
    _require_heights(heights)
    water = 0
    for index, height in enumerate(heights):
        level = min(max(heights[: index + 1]), max(heights[index:]))
        water += level - height
    return water


if __name__ == "__main__":
    print(trapped_water([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1]))
    #> 6
