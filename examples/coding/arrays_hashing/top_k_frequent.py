"""Top k frequent elements: the k values that occur most often, most frequent first."""

from collections import Counter


# --8<-- [start:optimal]
def top_k_frequent(nums: list[int], k: int) -> list[int]:
    """Bucket sort by count: O(n) time and space, no heap and no comparison sort.

    Ties go to the value seen first: a Counter keeps first-insertion order,
    and so does each bucket.
    """
    counts = Counter(nums)
    if not 0 <= k <= len(counts):
        raise ValueError(
            f"k must be between 0 and {len(counts)} distinct values, got {k}"
        )
    buckets: list[list[int]] = [[] for _ in range(len(nums) + 1)]  # index = count
    for value, count in counts.items():
        buckets[count].append(value)
    answer: list[int] = []
    for bucket in reversed(buckets):  # highest count first
        for value in bucket:
            if len(answer) == k:
                return answer
            answer.append(value)
    return answer


# --8<-- [end:optimal]


def top_k_frequent_brute_force(nums: list[int], k: int) -> list[int]:
    """Sort the distinct values by (count, first index). O(n log n)."""
    counts = Counter(nums)
    if not 0 <= k <= len(counts):
        raise ValueError(
            f"k must be between 0 and {len(counts)} distinct values, got {k}"
        )
    first_index: dict[int, int] = {}
    for index, value in enumerate(nums):  # one pass; nums.index would rescan
        first_index.setdefault(value, index)
    return sorted(counts, key=lambda value: (-counts[value], first_index[value]))[:k]


if __name__ == "__main__":
    print(top_k_frequent([1, 1, 1, 2, 2, 3], 2))
    #> [1, 2]
