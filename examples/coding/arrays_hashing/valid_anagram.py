"""Valid anagram: do two strings use the same characters, the same number of times?"""

from collections import Counter


# --8<-- [start:optimal]
def is_anagram(first: str, second: str) -> bool:
    """Compare character counts. O(n) time, O(distinct characters) space."""
    if len(first) != len(second):
        return False  # a cheap early exit
    return Counter(first) == Counter(second)


# --8<-- [end:optimal]


def is_anagram_brute_force(first: str, second: str) -> bool:
    """Sort both. O(n log n)."""
    return sorted(first) == sorted(second)


if __name__ == "__main__":
    print(is_anagram("listen", "silent"), is_anagram("rat", "car"))
    #> True False
