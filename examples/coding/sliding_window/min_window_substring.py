"""Shortest substring of `text` that contains every character of `pattern`, with repeats."""

from __future__ import annotations

from collections import Counter


# --8<-- [start:optimal]
def min_window(text: str, pattern: str) -> str:
    """The leftmost shortest window covering `pattern`; "" if none does (or pattern is "").

    O(n + m) time, O(m + s) space for s distinct characters in text: `need`
    counts what the window still lacks per character (negative means spare
    copies, so every text character gets an entry); `missing` is how many
    characters of `pattern` are not yet covered, so "is it valid?" costs O(1).
    """
    if not pattern:
        return ""
    need = Counter(pattern)
    missing = len(pattern)
    best_start, best_length = 0, len(text) + 1
    left = 0
    for right, char in enumerate(text):
        if need[char] > 0:
            missing -= 1
        need[char] -= 1
        while missing == 0:  # valid: record, then shrink to look for shorter
            if right - left + 1 < best_length:
                best_start, best_length = left, right - left + 1
            need[text[left]] += 1
            if need[text[left]] > 0:  # we just gave up a needed copy
                missing += 1
            left += 1
    if best_length > len(text):
        return ""
    return text[best_start : best_start + best_length]


# --8<-- [end:optimal]


# --8<-- [start:brute]
def min_window_brute_force(text: str, pattern: str) -> str:
    """Try every window, shortest first: O(n^3) time."""
    if not pattern:
        return ""
    need = Counter(pattern)
    for length in range(len(pattern), len(text) + 1):
        for start in range(len(text) - length + 1):
            window = Counter(text[start : start + length])
            if all(window[char] >= count for char, count in need.items()):
                return text[start : start + length]
    return ""


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(repr(min_window("ADOBECODEBANC", "ABC")))
    #> 'BANC'
    print(repr(min_window("banana", "aan")))
    #> 'ana'
    print(repr(min_window("a", "aa")))
    #> ''
    # --8<-- [end:demo]
