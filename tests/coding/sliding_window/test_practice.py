"""The practice solutions against their brute forces, and their input checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.sliding_window.fruit_baskets import max_fruits, max_fruits_brute_force
from examples.coding.sliding_window.max_ones_with_flips import (
    longest_ones_with_flips,
    longest_ones_with_flips_brute_force,
)
from examples.coding.sliding_window.permutation_in_string import (
    contains_permutation,
    contains_permutation_brute_force,
)


@settings(max_examples=200, deadline=None)
@given(pattern=st.text(alphabet="abc", max_size=5), text=st.text(alphabet="abc", max_size=25))
def test_contains_permutation(pattern: str, text: str) -> None:
    assert contains_permutation(pattern, text) == contains_permutation_brute_force(pattern, text)


@settings(max_examples=200, deadline=None)
@given(bits=st.lists(st.sampled_from([0, 1]), max_size=30), k=st.integers(0, 5))
def test_longest_ones_with_flips(bits: list[int], k: int) -> None:
    assert longest_ones_with_flips(bits, k) == longest_ones_with_flips_brute_force(bits, k)


@settings(max_examples=200, deadline=None)
@given(trees=st.lists(st.integers(-3, 3), max_size=30))
def test_max_fruits(trees: list[int]) -> None:
    assert max_fruits(trees) == max_fruits_brute_force(trees)


@pytest.mark.parametrize(("bits", "k", "message"), [([1, 0], -1, "at least 0"), ([1, 2], 1, "only 0 and 1")])
def test_flips_refuse_bad_input(bits: list[int], k: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        longest_ones_with_flips(bits, k)
