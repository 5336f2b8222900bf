"""Each buggy version in bugs.py really is wrong on some input, and the fixed one is right."""

from __future__ import annotations

import platform
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.bugs import (
    lcs_length_memo,
    lcs_length_no_empty_row,
    lcs_length_one_row_no_diagonal,
    outcome,
    palindrome_subsequence_rows_top_down,
)
from examples.coding.dp_grids_strings.lcs import lcs_length
from examples.coding.dp_grids_strings.palindrome_subsequence import longest_palindrome_subsequence

TEXT = st.text(alphabet="ab", max_size=12)


def test_the_shown_inputs_expose_each_bug() -> None:
    assert (lcs_length("ab", "ba"), lcs_length_no_empty_row("ab", "ba")) == (1, 2)
    assert (longest_palindrome_subsequence("aba"), palindrome_subsequence_rows_top_down("aba")) == (3, 2)
    assert (lcs_length("a", "aa"), lcs_length_one_row_no_diagonal("a", "aa")) == (1, 2)


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_buggy_lcs_versions_never_undercount(a: str, b: str) -> None:
    # Both bugs read a cell that is too large, never too small: they only overcount.
    assert lcs_length_no_empty_row(a, b) >= lcs_length(a, b)
    assert lcs_length_one_row_no_diagonal(a, b) >= lcs_length(a, b)


def test_memo_is_right_when_shallow_and_the_table_has_no_depth_limit() -> None:
    assert lcs_length_memo("abcab", "bacba") == lcs_length("abcab", "bacba")
    assert outcome(lcs_length_memo, "a" * 1_000, "a" * 1_000) == "RecursionError"
    assert outcome(lcs_length, "a" * 1_000, "a" * 1_000) == "1000"


def _lcs_length_dict_memo(a: str, b: str) -> int:
    """lcs_length_memo with a plain dict as the memo: one Python frame per level."""
    memo: dict[tuple[int, int], int] = {}

    def best(i: int, j: int) -> int:
        if (i, j) not in memo:
            if i == len(a) or j == len(b):
                memo[i, j] = 0
            elif a[i] == b[j]:
                memo[i, j] = 1 + best(i + 1, j + 1)
            else:
                memo[i, j] = max(best(i + 1, j), best(i, j + 1))
        return memo[i, j]

    return best(0, 0)


def _first_failing_length(function: object, make: object) -> int:
    """The smallest n for which function(*make(n)) raises RecursionError (binary search)."""
    low, high = 1, 3_000  # fails at high under the default limit of 1,000

    def fails(n: int) -> bool:
        return outcome(function, *make(n)) == "RecursionError"  # type: ignore[operator]

    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if fails(middle) else (middle + 1, high)
    return low


@pytest.mark.skipif(
    platform.python_implementation() != "CPython" or sys.version_info[:2] != (3, 11),
    reason="the page's counts are CPython 3.11's (3.13 gives @cache the full depth)",
)
def test_cache_levels_cost_two_units_of_the_limit() -> None:
    # The page's search: about 2 x under a dict memo what @cache reaches, and
    # with no letter in common (m + n levels) half again. The frames pytest
    # itself uses shift every count by the same amount, hence the tolerance.
    same = _first_failing_length(lcs_length_memo, lambda n: ("a" * n, "a" * n))
    same_dict = _first_failing_length(_lcs_length_dict_memo, lambda n: ("a" * n, "a" * n))
    disjoint = _first_failing_length(lcs_length_memo, lambda n: ("a" * n, "b" * n))
    assert abs(2 * same - same_dict) <= 4
    assert abs(2 * disjoint - same) <= 4
