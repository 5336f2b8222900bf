"""Does `text` contain some rearrangement of `pattern` as a contiguous substring?"""

from __future__ import annotations

from collections import Counter


# --8<-- [start:optimal]
def contains_permutation(pattern: str, text: str) -> bool:
    """A fixed window of len(pattern) over text, compared by counts.

    O(n + m) time, O(m + s) space for s distinct characters in text (each gets
    an entry in `diff`). `mismatched` is the number of characters whose count
    in the window differs from their count in pattern, so each slide is O(1).
    """
    width = len(pattern)
    if width > len(text):
        return False
    diff = Counter(pattern)  # pattern count minus window count, per character
    diff.subtract(text[:width])
    mismatched = sum(1 for count in diff.values() if count != 0)
    for right in range(width, len(text)):
        if mismatched == 0:
            return True
        for char, change in ((text[right], -1), (text[right - width], +1)):
            if diff[char] == 0:
                mismatched += 1
            diff[char] += change
            if diff[char] == 0:
                mismatched -= 1
    return mismatched == 0


# --8<-- [end:optimal]


def contains_permutation_brute_force(pattern: str, text: str) -> bool:
    """Count every window of len(pattern) from scratch: O(n * m) time."""
    width, target = len(pattern), Counter(pattern)
    return any(
        Counter(text[start : start + width]) == target
        for start in range(len(text) - width + 1)
    )


if __name__ == "__main__":
    print(contains_permutation("ab", "eidbaooo"))
    #> True
    print(contains_permutation("ab", "eidboaoo"))
    #> False
