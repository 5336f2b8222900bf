"""Two sum: the indices of two different entries that add up to a target."""


# --8<-- [start:optimal]
def two_sum(nums: list[int], target: int) -> list[int] | None:
    """Indices [i, j], i < j, with nums[i] + nums[j] == target, or None. O(n) time and space.

    The answer is the pair with the smallest j, and for that j the smallest i.
    Invariant: before step j, `first_index` maps each value in nums[:j] to
    its first index. Looking up before storing means nums[j] never pairs
    with itself.
    """
    first_index: dict[int, int] = {}
    for j, value in enumerate(nums):
        i = first_index.get(target - value)
        if i is not None:
            return [i, j]
        first_index.setdefault(value, j)  # keep the first index of a repeated value
    return None


# --8<-- [end:optimal]


# --8<-- [start:brute]
def two_sum_brute_force(nums: list[int], target: int) -> list[int] | None:
    """Try every pair, in the same order as `two_sum`. O(n^2) time, O(1) space."""
    for j in range(len(nums)):
        for i in range(j):
            if nums[i] + nums[j] == target:
                return [i, j]
    return None


# --8<-- [end:brute]


# --8<-- [start:buggy]
def two_sum_map_first(nums: list[int], target: int) -> list[int] | None:
    """BUGGY: fills the map first, so a value can be its own complement."""
    index_of = {value: i for i, value in enumerate(nums)}
    for i, value in enumerate(nums):
        j = index_of.get(target - value)
        if j is not None:  # the fix: `and j != i`, or use the one-pass version
            return [i, j]
    return None


# --8<-- [end:buggy]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(two_sum([2, 7, 11, 15], 9))
    #> [0, 1]
    print(two_sum([3, 5], 6), two_sum_map_first([3, 5], 6))
    #> None [0, 0]
    print(two_sum([3, 3], 6), two_sum_map_first([3, 3], 6))
    #> [0, 1] [0, 1]
    # --8<-- [end:demo]
