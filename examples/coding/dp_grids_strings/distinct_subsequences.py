"""Practice: in how many ways does `pattern` occur as a subsequence of `text`?"""

from __future__ import annotations


# --8<-- [start:optimal]
def count_subsequences(text: str, pattern: str) -> int:
    """Number of index sets in text that spell pattern (distinct positions).

    The state: ways[j] after text[:i] is the number of ways text[:i]
    contains pattern[:j]. Transition: text[i - 1] is not used (old ways[j])
    or, if it equals pattern[j - 1], it ends the match (old ways[j - 1]).
    Looping j downward keeps ways[j - 1] old, so no diagonal needs saving.
    Time O(m * n), space O(n) for n = len(pattern).
    """
    ways = [1] + [0] * len(pattern)  # the empty pattern occurs once
    for letter in text:
        for j in range(len(pattern), 0, -1):
            if pattern[j - 1] == letter:
                ways[j] += ways[j - 1]
    return ways[-1]


# --8<-- [end:optimal]


def count_subsequences_brute_force(text: str, pattern: str) -> int:
    """Plain recursion: use text[i] for pattern[j] when they match, or skip it.

    No cache. Time O(2^m), space O(m) of recursion.
    """

    def count(i: int, j: int) -> int:
        if j == len(pattern):
            return 1
        if i == len(text):
            return 0
        total = count(i + 1, j)
        if text[i] == pattern[j]:
            total += count(i + 1, j + 1)
        return total

    return count(0, 0)


if __name__ == "__main__":
    print(count_subsequences("rabbbit", "rabbit"), count_subsequences("aaa", "a"))
    #> 3 3
