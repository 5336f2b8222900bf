"""First unique character: the index of the first character that occurs exactly once."""

from collections import Counter


# --8<-- [start:optimal]
def first_unique_char(text: str) -> int:
    """Two passes: count, then find the first count of 1. O(n) time; -1 when none."""
    counts = Counter(text)
    for index, char in enumerate(text):
        if counts[char] == 1:
            return index
    return -1


# --8<-- [end:optimal]


def first_unique_char_brute_force(text: str) -> int:
    """Count each character by scanning the whole string again. O(n^2)."""
    for index, char in enumerate(text):
        if text.count(char) == 1:
            return index
    return -1


if __name__ == "__main__":
    print(first_unique_char("swiss"), first_unique_char("aabb"))
    #> 1 -1
