"""The brute forces cost what their docstrings say: no hidden O(n) slice per start."""

from __future__ import annotations

from examples.coding.sliding_window.longest_unique_substring import (
    longest_unique_substring,
    longest_unique_substring_brute_force,
)


class CountingText(str):
    """A str that counts how many characters indexing and slicing hand out."""

    touched = 0

    def __getitem__(self, key):  # type: ignore[override]
        piece = super().__getitem__(key)
        CountingText.touched += len(piece)
        return piece


def test_longest_unique_brute_force_reads_at_most_m_plus_1_per_start() -> None:
    """O(n * m): from each start it reads until the first repeat, at most m + 1 characters."""
    text = CountingText("ab" * 200)  # n = 400, m = 2 distinct characters
    CountingText.touched = 0
    assert longest_unique_substring_brute_force(text) == 2
    assert CountingText.touched <= len(text) * (2 + 1)  # a slice text[start:] reads n - start


def test_the_stale_last_seen_index_would_report_3_on_abba() -> None:
    """The page's claim about "abba": without `>= left`, `left` moves back to 1."""

    def without_left_check(text: str) -> int:
        last_seen: dict[str, int] = {}
        left = best = 0
        for right, char in enumerate(text):
            if char in last_seen:  # BUG: ignores whether the repeat is in the window
                left = last_seen[char] + 1
            last_seen[char] = right
            best = max(best, right - left + 1)
        return best

    assert without_left_check("abba") == 3
    assert longest_unique_substring("abba") == 2
