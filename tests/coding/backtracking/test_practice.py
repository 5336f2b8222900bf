"""The practice problems against their generate-then-filter brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.balanced_parentheses import (
    balanced_parentheses,
    balanced_parentheses_brute_force,
)
from examples.coding.backtracking.letter_combinations import (
    letter_combinations,
    letter_combinations_brute_force,
)
from examples.coding.backtracking.palindrome_partitioning import (
    palindrome_partitions,
    palindrome_partitions_brute_force,
)


@settings(max_examples=100, deadline=None)
@given(st.text("23456789", max_size=5))
def test_letter_combinations(digits: str) -> None:
    assert letter_combinations(digits) == letter_combinations_brute_force(digits)


@pytest.mark.parametrize("bad", ["1", "20", "2#"])
def test_letter_combinations_refuses_digits_without_letters(bad: str) -> None:
    with pytest.raises(ValueError, match="2-9"):
        letter_combinations(bad)


CATALAN = [1, 1, 2, 5, 14, 42, 132, 429]


@pytest.mark.parametrize("n", range(8))
def test_balanced_parentheses(n: int) -> None:
    found = balanced_parentheses(n)
    assert found == balanced_parentheses_brute_force(n)
    assert len(found) == CATALAN[n]


def test_balanced_parentheses_refuses_negative_n() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        balanced_parentheses(-1)


@settings(max_examples=200, deadline=None)
@given(st.text("ab", max_size=10))
def test_palindrome_partitions(text: str) -> None:
    found = palindrome_partitions(text)
    assert sorted(found) == sorted(palindrome_partitions_brute_force(text))
    assert all("".join(pieces) == text for pieces in found)
