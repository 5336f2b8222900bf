"""Remove duplicates from a sorted list in place: a read and a write pointer."""

from __future__ import annotations


# --8<-- [start:optimal]
def remove_duplicates(numbers: list[int]) -> int:
    """Move each distinct value of sorted `numbers` to the front, in order.

    Returns k, the number of distinct values; numbers[:k] holds them and the
    slots after k hold leftovers the caller must ignore. Nothing is allocated.
    Time O(n), space O(1).
    """
    write = 0  # the next slot to fill; numbers[:write] is the answer so far
    for read in range(len(numbers)):
        if write == 0 or numbers[read] != numbers[write - 1]:
            numbers[write] = numbers[read]
            write += 1
    return write


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def remove_duplicates_brute_force(numbers: list[int]) -> int:
    """Build the distinct values in a new list, then copy them back.

    Time O(n), space O(n): the extra list is what the in-place version avoids.
    """
    distinct = list(dict.fromkeys(numbers))  # keeps first occurrences, in order
    numbers[: len(distinct)] = distinct
    return len(distinct)


# --8<-- [end:brute_force]


# --8<-- [start:prefix]
def distinct_prefix(numbers: list[int]) -> list[int]:
    """What the case file checks: the first k values after remove_duplicates."""
    count = remove_duplicates(numbers)
    return numbers[:count]


# --8<-- [end:prefix]


if __name__ == "__main__":
    # --8<-- [start:demo]
    readings = [0, 0, 1, 1, 1, 2, 3, 3]
    count = remove_duplicates(readings)
    print(count, readings[:count], readings)
    #> 4 [0, 1, 2, 3] [0, 1, 2, 3, 1, 2, 3, 3]
    # --8<-- [end:demo]
