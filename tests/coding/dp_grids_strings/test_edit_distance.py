"""Edit distance: the one-row count matches plain recursion; the edits apply and are that many."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.answer_checks import apply_operations, edit_script
from examples.coding.dp_grids_strings.edit_distance import (
    difflib_edit_count,
    edit_distance,
    edit_distance_brute_force,
    edit_operations,
    weighted_edit_distance,
)
from examples.coding.dp_grids_strings.lcs import lcs_length

SHORT = st.text(alphabet="abc", max_size=6)
LONGER = st.text(alphabet="abcd", max_size=40)


@settings(max_examples=200, deadline=None)
@given(SHORT, SHORT)
def test_distance_matches_plain_recursion(a: str, b: str) -> None:
    assert edit_distance(a, b) == edit_distance_brute_force(a, b)


@settings(max_examples=200, deadline=None)
@given(LONGER, LONGER)
def test_edits_turn_a_into_b_and_count_the_distance(a: str, b: str) -> None:
    operations = edit_operations(a, b)
    assert apply_operations(a, operations) == b
    assert len(operations) == edit_distance(a, b) == edit_distance(b, a)
    assert edit_script(operations, operations, [a, b]) is None


@settings(max_examples=200, deadline=None)
@given(LONGER, LONGER)
def test_difflib_never_needs_fewer_edits(a: str, b: str) -> None:
    assert difflib_edit_count(a, b) >= edit_distance(a, b)


@pytest.mark.parametrize(
    ("operations", "message"),
    [
        ([["delete", 0, "z"]], "letter there"),
        ([["substitute", 0, "a"]], "itself"),
        ([["insert", 9, "a"]], "outside"),
        ([["swap", 0, "a"]], "unknown kind"),
        ([["delete", 0]], "kind, index, letter"),
        ("not a list", "kind, index, letter"),
    ],
)
def test_malformed_edits_are_named(operations: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        apply_operations("ab", operations)


def test_checker_rejects_edits_that_are_too_many_or_wrong() -> None:
    args = ["cat", "cut"]
    assert "expected 1 edits" in (
        edit_script([["substitute", 1, "u"]], [["delete", 1, "a"], ["insert", 1, "u"]], args) or ""
    )
    assert "not 'cut'" in (edit_script([["substitute", 1, "u"]], [["substitute", 1, "o"]], args) or "")


@settings(max_examples=200, deadline=None)
@given(LONGER, LONGER)
def test_weighted_costs_reduce_to_known_distances(a: str, b: str) -> None:
    def one(*letters: str) -> float:
        return 1

    def two(old: str, new: str) -> float:
        return 2

    assert weighted_edit_distance(a, b, one, one, one) == edit_distance(a, b)
    # A substitution costs as much as a delete plus an insert: only the LCS is kept.
    assert weighted_edit_distance(a, b, one, one, two) == len(a) + len(b) - 2 * lcs_length(a, b)
