"""Longest palindromic subsequence: interval DP, LCS with the reverse and plain recursion agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.palindrome_subsequence import (
    longest_palindrome_subsequence,
    longest_palindrome_subsequence_brute_force,
    longest_palindrome_subsequence_via_lcs,
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc", max_size=10))
def test_interval_dp_matches_plain_recursion(s: str) -> None:
    assert longest_palindrome_subsequence(s) == longest_palindrome_subsequence_brute_force(s)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd", max_size=60))
def test_lcs_with_the_reverse_agrees_with_the_interval_dp(s: str) -> None:
    assert longest_palindrome_subsequence_via_lcs(s) == longest_palindrome_subsequence(s)


def test_a_palindrome_is_its_own_answer() -> None:
    assert longest_palindrome_subsequence("racecar") == 7
