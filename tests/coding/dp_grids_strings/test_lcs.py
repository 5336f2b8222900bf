"""LCS: the rolling row, the reconstruction and the template agree with plain recursion."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.answer_checks import common_subsequence, is_subsequence
from examples.coding.dp_grids_strings.lcs import (
    lcs_length,
    lcs_length_brute_force,
    longest_common_subsequence,
)
from examples.coding.dp_grids_strings.template import lcs_length_by_template

SHORT = st.text(alphabet="abc", max_size=6)  # the brute force is exponential
LONGER = st.text(alphabet="abcd", max_size=40)


@settings(max_examples=200, deadline=None)
@given(SHORT, SHORT)
def test_length_matches_plain_recursion(a: str, b: str) -> None:
    assert lcs_length(a, b) == lcs_length_brute_force(a, b)


@settings(max_examples=200, deadline=None)
@given(LONGER, LONGER)
def test_reconstructed_answer_is_common_and_longest(a: str, b: str) -> None:
    answer = longest_common_subsequence(a, b)
    assert len(answer) == lcs_length(a, b) == lcs_length_by_template(a, b)
    assert is_subsequence(answer, a) and is_subsequence(answer, b)


def test_checker_accepts_another_lcs_and_rejects_wrong_ones() -> None:
    args = ["ABCBDAB", "BDCABA"]
    assert common_subsequence("BCBA", "BDAB", args) is None
    assert "length" in (common_subsequence("BCBA", "BCB", args) or "")
    assert "not a subsequence" in (common_subsequence("BCBA", "ABCD", args) or "")
    assert "string" in (common_subsequence("BCBA", None, args) or "")
