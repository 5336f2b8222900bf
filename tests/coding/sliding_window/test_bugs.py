"""Each buggy variant on the page really gives the wrong answer (or crashes) as shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.sliding_window.bugs import (
    length_off_by_one,
    stale_zero_counts,
    update_before_shrink,
)
from examples.coding.sliding_window.longest_k_distinct import longest_k_distinct


def test_updating_before_shrinking_overcounts() -> None:
    assert longest_k_distinct("eceba", 2) == 3
    assert update_before_shrink("eceba", 2) == 4  # "eceb" has three distinct


def test_right_minus_left_is_one_short() -> None:
    assert length_off_by_one("eceba", 2) == 2


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="abc", min_size=1, max_size=20), k=st.integers(0, 3))
def test_off_by_one_is_always_exactly_one_short(text: str, k: int) -> None:
    assert length_off_by_one(text, k) == max(longest_k_distinct(text, k) - 1, 0)


def test_stale_zero_counts_run_off_the_end() -> None:
    with pytest.raises(IndexError):
        stale_zero_counts("eceba", 2)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="abcd", max_size=20), k=st.integers(0, 4))
def test_stale_zeros_pass_until_the_rule_breaks_then_always_crash(text: str, k: int) -> None:
    """Right whenever the `while` never runs; an IndexError on every other input."""
    if len(set(text)) <= k:
        assert stale_zero_counts(text, k) == longest_k_distinct(text, k)
    else:
        with pytest.raises(IndexError):
            stale_zero_counts(text, k)
