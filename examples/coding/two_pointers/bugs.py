"""Four bugs two-pointer code ships, each small enough to miss in review.

Every function here is wrong on purpose; the page shows each one failing.
"""

from __future__ import annotations


# --8<-- [start:less_or_equal]
def pair_with_sum_le(numbers: list[int], target: int) -> tuple[int, int] | None:
    """BUG: `<=` lets left meet right, so one element counts twice."""
    left, right = 0, len(numbers) - 1
    while left <= right:  # should be left < right
        total = numbers[left] + numbers[right]
        if total == target:
            return left, right
        if total < target:
            left += 1
        else:
            right -= 1
    return None


# --8<-- [end:less_or_equal]


# --8<-- [start:unguarded_skip]
def three_sum_unguarded(numbers: list[int]) -> list[list[int]]:
    """BUG: the duplicate skip has no `left < right` bound and runs off the end."""
    values = sorted(numbers)
    triplets = []
    for first in range(len(values) - 2):
        if first > 0 and values[first] == values[first - 1]:
            continue
        left, right = first + 1, len(values) - 1
        while left < right:
            total = values[first] + values[left] + values[right]
            if total < 0:
                left += 1
            elif total > 0:
                right -= 1
            else:
                triplets.append([values[first], values[left], values[right]])
                left, right = left + 1, right - 1
                while values[left] == values[left - 1]:  # no bound
                    left += 1
    return triplets


# --8<-- [end:unguarded_skip]


# --8<-- [start:write_pointer]
def remove_duplicates_last_kept(numbers: list[int]) -> int:
    """BUG: `write` marks the last kept slot here, so the count is write + 1."""
    if not numbers:
        return 0
    write = 0
    for read in range(1, len(numbers)):
        if numbers[read] != numbers[write]:
            write += 1
            numbers[write] = numbers[read]
    return write  # should be write + 1


# --8<-- [end:write_pointer]


if __name__ == "__main__":
    from examples.coding.two_pointers.pair_sum_sorted import pair_with_sum
    from examples.coding.two_pointers.template import converge

    # --8<-- [start:demo_le]
    print(pair_with_sum_le([2, 3, 5], 10))  # 5 + 5, but there is only one 5
    #> (2, 2)
    # --8<-- [end:demo_le]
    # --8<-- [start:demo_skip]
    try:
        three_sum_unguarded([0, 0, 0])
    except IndexError as error:
        print("IndexError:", error)
        #> IndexError: list index out of range
    # --8<-- [end:demo_skip]
    # --8<-- [start:demo_unsorted]
    unsorted = [1, 5, 2, 4]  # 1 + 5 and 2 + 4 both make 6
    print(converge(4, lambda i, j: unsorted[i] + unsorted[j] - 6))  # no check
    #> None
    try:
        pair_with_sum(unsorted, 6)
    except ValueError as error:
        print("ValueError:", error)
        #> ValueError: numbers must be sorted in ascending order
    prices = [7, 1, 5]
    i, j = pair_with_sum(sorted(prices), 8)  # indices into the sorted copy
    print((i, j), prices[i] + prices[j])  # 7 + 5 in the original, not 8
    #> (0, 2) 12
    # --8<-- [end:demo_unsorted]
    # --8<-- [start:demo_write]
    readings = [1, 1, 2, 3]
    count = remove_duplicates_last_kept(readings)
    print(count, readings[:count])  # 3 is lost
    #> 2 [1, 2]
    # --8<-- [end:demo_write]
