"""Each buggy version in bugs.py really is wrong on some input, and the fixed one is right."""

from __future__ import annotations

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
