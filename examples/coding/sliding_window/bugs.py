"""Three bugs in "longest substring with at most k distinct characters", each run."""

from __future__ import annotations

from collections import Counter

from examples.coding.sliding_window.longest_k_distinct import longest_k_distinct


# --8<-- [start:before_shrink]
def update_before_shrink(text: str, k: int) -> int:
    """BUG: records the window's length while it may still be invalid."""
    counts: Counter[str] = Counter()
    left = best = 0
    for right, char in enumerate(text):
        counts[char] += 1
        best = max(best, right - left + 1)  # too early: len(counts) may be k + 1
        while len(counts) > k:
            counts[text[left]] -= 1
            if counts[text[left]] == 0:
                del counts[text[left]]
            left += 1
    return best


# --8<-- [end:before_shrink]


# --8<-- [start:off_by_one]
def length_off_by_one(text: str, k: int) -> int:
    """BUG: right - left is the length of text[left:right], one short."""
    counts: Counter[str] = Counter()
    left = best = 0
    for right, char in enumerate(text):
        counts[char] += 1
        while len(counts) > k:
            counts[text[left]] -= 1
            if counts[text[left]] == 0:
                del counts[text[left]]
            left += 1
        best = max(best, right - left)  # the window is text[left : right + 1]
    return best


# --8<-- [end:off_by_one]


# --8<-- [start:stale_zero]
def stale_zero_counts(text: str, k: int) -> int:
    """BUG: decrements to 0 but keeps the key, so len(counts) never drops.

    Once a (k + 1)-th character arrives, the while loop shrinks past `right`
    and indexes off the end of the string.
    """
    counts: Counter[str] = Counter()
    left = best = 0
    for right, char in enumerate(text):
        counts[char] += 1
        while len(counts) > k:
            counts[text[left]] -= 1  # "a": 0 stays in the dict
            left += 1
        best = max(best, right - left + 1)
    return best


# --8<-- [end:stale_zero]


if __name__ == "__main__":
    # --8<-- [start:zero_key]
    counts = Counter("ab")
    counts["a"] -= 1
    print(counts, len(counts))  # "a" is gone from the window, not from the dict
    #> Counter({'b': 1, 'a': 0}) 2
    # --8<-- [end:zero_key]

    # --8<-- [start:demo]
    text, k = "eceba", 2
    print("correct:             ", longest_k_distinct(text, k))
    #> correct:              3
    print("update before shrink:", update_before_shrink(text, k))
    #> update before shrink: 4
    print("right - left:        ", length_off_by_one(text, k))
    #> right - left:         2
    try:
        stale_zero_counts(text, k)
    except IndexError as error:
        print("stale zero counts:    IndexError:", error)
        #> stale zero counts:    IndexError: string index out of range
    # --8<-- [end:demo]
