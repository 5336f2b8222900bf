"""Longest consecutive sequence: the length of the longest run of values x, x + 1, x + 2, ...

The values may come in any order; duplicates count once.
"""


# --8<-- [start:optimal]
def longest_consecutive(nums: list[int]) -> int:
    """O(n) time, O(n) space: each value is visited by at most one walk.

    A walk starts only at a run's first value (x - 1 is absent), so every
    value is stepped over once in total, whatever the input's order.
    """
    values = set(nums)
    best = 0
    for start in values:
        if start - 1 in values:
            continue  # not a run's first value: the walk from its start covers it
        end = start
        while end + 1 in values:
            end += 1
        best = max(best, end - start + 1)
    return best


# --8<-- [end:optimal]


# --8<-- [start:brute]
def longest_consecutive_brute_force(nums: list[int]) -> int:
    """The same walk from every value, starts or not. O(n^2) on one long run."""
    values = set(nums)
    best = 0
    for start in values:
        end = start
        while end + 1 in values:
            end += 1
        best = max(best, end - start + 1)
    return best


# --8<-- [end:brute]


# --8<-- [start:sorting]
def longest_consecutive_sorted(nums: list[int]) -> int:
    """Sort, then count runs, skipping repeats. O(n log n) time, O(n) space."""
    ordered = sorted(set(nums))
    best = run = 0
    for index, value in enumerate(ordered):
        run = run + 1 if index > 0 and value == ordered[index - 1] + 1 else 1
        best = max(best, run)
    return best


# --8<-- [end:sorting]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(longest_consecutive([100, 4, 200, 1, 3, 2]))  # 1, 2, 3, 4
    #> 4
    print(longest_consecutive([0, -1, 1, 1, 2]))  # the repeated 1 counts once
    #> 4
    # --8<-- [end:demo]
