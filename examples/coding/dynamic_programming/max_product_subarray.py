"""Maximum product subarray: the largest product of a non-empty contiguous run."""

from __future__ import annotations


# --8<-- [start:optimal]
def max_product(numbers: list[int]) -> int:
    """Largest product of a non-empty contiguous subarray.

    Keep both the largest and the smallest product ending here: a negative
    number turns the smallest into the largest. Time O(n), space O(1).
    """
    if not numbers:
        raise ValueError("numbers must not be empty")
    high = low = best = numbers[0]
    for i in range(1, len(numbers)):  # no numbers[1:]: that copy is O(n) space
        number = numbers[i]
        candidates = (number, high * number, low * number)
        high, low = max(candidates), min(candidates)
        best = max(best, high)
    return best


# --8<-- [end:optimal]


def max_product_brute_force(numbers: list[int]) -> int:
    """Every start, with a running product over every end. Time O(n^2), space O(1)."""
    if not numbers:
        raise ValueError("numbers must not be empty")
    best = numbers[0]
    for start in range(len(numbers)):
        product = 1
        for end in range(start, len(numbers)):
            product *= numbers[end]
            best = max(best, product)
    return best


if __name__ == "__main__":
    print(max_product([2, 3, -2, 4]))  # 2 * 3
    #> 6
    print(max_product([-2, 3, -4]))  # all three: two negatives
    #> 24
