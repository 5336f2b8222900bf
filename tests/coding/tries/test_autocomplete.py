"""Trie suggestions agree with filtering every product, and with bisect."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.autocomplete import (
    suggestions,
    suggestions_bisect,
    suggestions_brute_force,
)

PRODUCTS = st.lists(st.text(alphabet="abcA", max_size=5), max_size=30)
TYPED = st.text(alphabet="abcA", max_size=6)


@settings(max_examples=200, deadline=None)
@given(PRODUCTS, TYPED)
def test_agrees_with_brute_force(products: list[str], typed: str) -> None:
    expected = suggestions_brute_force(products, typed)
    assert suggestions(products, typed) == expected
    assert suggestions_bisect(products, typed) == expected


def test_one_answer_per_typed_character_even_past_a_miss() -> None:
    assert suggestions(["abc"], "xbc") == [[], [], []]
