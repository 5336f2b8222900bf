"""The two sliding-window skeletons: a fixed width, and grow right / shrink left."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:fixed]
def fixed_window_sums(nums: Sequence[int], k: int) -> Iterator[int]:
    """Yield the sum of every window of exactly k items, left to right.

    Invariant: before each yield, `total` is the sum of nums[right - k + 1 : right + 1].
    """
    if k < 1:
        raise ValueError(f"window size must be at least 1, got {k}")
    total = 0
    for right, value in enumerate(nums):
        total += value  # the new item enters
        if right >= k:
            total -= nums[right - k]  # the item k places back leaves
        if right >= k - 1:
            yield total


# --8<-- [end:fixed]


# --8<-- [start:variable]
def longest_valid_window(
    items: Sequence[T],
    add: Callable[[T], None],
    remove: Callable[[T], None],
    is_valid: Callable[[], bool],
) -> tuple[int, int]:
    """Return (start, length) of the leftmost longest window for which is_valid() holds.

    add/remove keep the caller's window state in step; is_valid reads it. Validity
    must be monotone: every sub-window of a valid window is valid (the empty one too).

    Invariant: after the while loop, items[left : right + 1] is valid and no valid
    window ends at `right` and starts before `left`.
    """
    best_start, best_length = 0, 0
    left = 0
    for right, item in enumerate(items):
        add(item)  # grow right
        while not is_valid():  # shrink left until valid again
            remove(items[left])
            left += 1
        if right - left + 1 > best_length:  # update only after shrinking
            best_start, best_length = left, right - left + 1
    return best_start, best_length


# --8<-- [end:variable]


if __name__ == "__main__":
    # --8<-- [start:demo]
    from collections import Counter

    print(list(fixed_window_sums([4, 2, 7, 1, 8], 3)))
    #> [13, 10, 16]

    counts: Counter[str] = Counter()

    def add(char: str) -> None:
        counts[char] += 1

    def remove(char: str) -> None:
        counts[char] -= 1
        if counts[char] == 0:
            del counts[char]

    text = "abaccab"
    start, length = longest_valid_window(text, add, remove, lambda: len(counts) <= 2)
    print(start, length, text[start : start + length])
    #> 2 4 acca
    # --8<-- [end:demo]
