"""Three sum: every distinct triplet that sums to zero, by sorting and two pointers."""

from __future__ import annotations

from itertools import combinations


# --8<-- [start:optimal]
def three_sum(numbers: list[int]) -> list[list[int]]:
    """Every distinct triplet [a, b, c], a <= b <= c, with a + b + c == 0.

    Each triplet appears once, however often its values repeat in the input.
    The input is not changed (the function sorts a copy).
    Time O(n^2), space O(n) for the sorted copy.
    """
    values = sorted(numbers)
    triplets: list[list[int]] = []
    for first in range(len(values) - 2):
        if first > 0 and values[first] == values[first - 1]:
            continue  # this first value already produced all its triplets
        if values[first] > 0:
            break  # three values >= a positive one cannot sum to zero
        left, right = first + 1, len(values) - 1
        while left < right:
            total = values[first] + values[left] + values[right]
            if total < 0:
                left += 1
            elif total > 0:
                right -= 1
            else:
                triplets.append([values[first], values[left], values[right]])
                left += 1
                right -= 1
                # Skip repeats of the pair just used; left < right guards the index.
                while left < right and values[left] == values[left - 1]:
                    left += 1
    return triplets


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def three_sum_brute_force(numbers: list[int]) -> list[list[int]]:
    """Try every triple of positions; a set of sorted tuples drops repeats.

    Time O(n^3), space O(number of triplets).
    """
    found = {
        tuple(sorted(triple)) for triple in combinations(numbers, 3) if sum(triple) == 0
    }
    return [list(triple) for triple in sorted(found)]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(three_sum([-1, 0, 1, 2, -1, -4]))
    #> [[-1, -1, 2], [-1, 0, 1]]
    print(three_sum([0, 0, 0, 0]))
    #> [[0, 0, 0]]
    print(three_sum([-2, 0, 0, 2, 2]))
    #> [[-2, 0, 2]]
    # --8<-- [end:demo]
