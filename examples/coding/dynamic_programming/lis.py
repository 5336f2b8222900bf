"""Longest strictly increasing subsequence: its length, in O(n^2) and in O(n log n).

A subsequence keeps the order of the input but may skip elements.
"""

from __future__ import annotations

from bisect import bisect_left


# --8<-- [start:quadratic]
def lis_length_quadratic(numbers: list[int]) -> int:
    """ending[i] is the longest increasing subsequence that ends at numbers[i].

    Transition: 1 + the longest one ending at an earlier, smaller value.
    Time O(n^2), space O(n).
    """
    ending = [1] * len(numbers)
    for i in range(len(numbers)):
        for j in range(i):
            if numbers[j] < numbers[i] and ending[j] + 1 > ending[i]:
                ending[i] = ending[j] + 1
    return max(ending, default=0)


# --8<-- [end:quadratic]


# --8<-- [start:optimal]
def lis_length(numbers: list[int]) -> int:
    """Patience sorting: tails[k] is the smallest value that ends an increasing
    subsequence of length k + 1 among the numbers seen so far.

    tails is strictly increasing, so each number finds its place by binary
    search: it extends the longest run it can, or lowers one tail.
    Time O(n log n), space O(n).
    """
    tails: list[int] = []
    for number in numbers:
        place = bisect_left(tails, number)  # first tail >= number
        if place == len(tails):
            tails.append(number)  # longer than every run so far
        else:
            tails[place] = number  # same length, smaller ending: easier to extend
    return len(tails)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def lis_length_brute_force(numbers: list[int]) -> int:
    """Plain recursion: take each number (if it is above the last one taken) or skip it.

    Time O(2^n), space O(n) depth.
    """

    def longest(index: int, last: int | None) -> int:
        if index == len(numbers):
            return 0
        skip = longest(index + 1, last)
        if last is None or numbers[index] > last:
            return max(skip, 1 + longest(index + 1, numbers[index]))
        return skip

    return longest(0, None)


# --8<-- [end:brute_force]


# --8<-- [start:tails]
def lis_tails(numbers: list[int]) -> list[int]:
    """The tails array after the last number, for inspection."""
    tails: list[int] = []
    for number in numbers:
        place = bisect_left(tails, number)
        tails[place : place + 1] = [number]  # append at the end, else replace
    return tails


# --8<-- [end:tails]


if __name__ == "__main__":
    # --8<-- [start:demo]
    numbers = [3, 4, 5, 1]
    print(lis_length(numbers), lis_length_quadratic(numbers))  # 3, 4, 5
    #> 3 3
    print(lis_tails(numbers))  # 1 comes after 5 in the input: not a subsequence
    #> [1, 4, 5]
    print(lis_length([5, 5, 5]))  # strictly increasing: equal values do not chain
    #> 1
    # --8<-- [end:demo]
