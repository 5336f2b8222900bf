"""Length of the longest substring with no repeated character."""

from __future__ import annotations


# --8<-- [start:optimal]
def longest_unique_substring(text: str) -> int:
    """Jump `left` past the last copy of the repeated character.

    O(n) time; O(m) space for m distinct characters. `left` never moves back:
    a last-seen index left of the window is stale and ignored.
    """
    last_seen: dict[str, int] = {}
    left = best = 0
    for right, char in enumerate(text):
        if last_seen.get(char, -1) >= left:  # the repeat is inside the window
            left = last_seen[char] + 1
        last_seen[char] = right
        best = max(best, right - left + 1)
    return best


# --8<-- [end:optimal]


# --8<-- [start:set]
def longest_unique_substring_with_set(text: str) -> int:
    """Grow right; while the new character is already in the set, shrink left.

    O(n) time: each index enters the set once and leaves it at most once.
    """
    window: set[str] = set()
    left = best = 0
    for right, char in enumerate(text):
        while char in window:
            window.remove(text[left])
            left += 1
        window.add(char)
        best = max(best, right - left + 1)
    return best


# --8<-- [end:set]


# --8<-- [start:brute]
def longest_unique_substring_brute_force(text: str) -> int:
    """From every start, extend until a repeat: O(n * m) time, O(m) space.

    Each start reads at most m + 1 characters. Looping over `text[start:]`
    instead would copy n - start characters per start: O(n^2) hidden in a slice.
    """
    best = 0
    for start in range(len(text)):
        seen: set[str] = set()
        for end in range(start, len(text)):
            char = text[end]
            if char in seen:
                break
            seen.add(char)
        best = max(best, len(seen))
    return best


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for text in ["abcabcbb", "abba", "pwwkew", ""]:
        print(repr(text), longest_unique_substring(text))
        #> 'abcabcbb' 3
        #> 'abba' 2
        #> 'pwwkew' 3
        #> '' 0
    # --8<-- [end:demo]
