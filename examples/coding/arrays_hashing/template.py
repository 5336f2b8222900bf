"""The template of the pattern: one pass, look up the partner, then record the item."""

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from itertools import accumulate
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


# --8<-- [start:template]
def count_pairs_with_earlier(values: Iterable[H], partner: Callable[[H], H]) -> int:
    """Count the pairs j < i with values[j] == partner(values[i]), in O(n).

    Invariant: when step i looks up, `seen` holds exactly values[0..i-1].
    Looking up before recording is what stops an item pairing with itself.
    """
    seen: Counter[H] = Counter()
    pairs = 0
    for value in values:
        pairs += seen[partner(value)]  # a Counter answers 0 for a missing key
        seen[value] += 1
    return pairs


# --8<-- [end:template]


# --8<-- [start:uses]
def count_pairs_summing_to(nums: list[int], target: int) -> int:
    """Pairs i < j with nums[i] + nums[j] == target."""
    return count_pairs_with_earlier(nums, lambda x: target - x)


def count_subarrays_summing_to(nums: list[int], k: int) -> int:
    """A subarray sums to k when two prefix sums differ by k."""
    prefix_sums = accumulate(nums, initial=0)  # 0, nums[0], nums[0] + nums[1], ...
    return count_pairs_with_earlier(prefix_sums, lambda p: p - k)


def has_duplicate(items: list[str]) -> bool:
    return count_pairs_with_earlier(items, lambda s: s) > 0


# --8<-- [end:uses]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(count_pairs_summing_to([3, 3, 1, 5], 6))
    #> 2
    print(count_pairs_summing_to([3], 6))  # 3 is not its own partner
    #> 0
    print(count_subarrays_summing_to([1, -1, 1], 1))
    #> 3
    print(has_duplicate(["a", "b", "a"]))
    #> True
    # --8<-- [end:demo]
