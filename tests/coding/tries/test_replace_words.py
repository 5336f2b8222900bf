"""The trie's shortest root agrees with trying every root."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.replace_words import replace_words, replace_words_brute_force

ROOTS = st.lists(st.text(alphabet="abC", min_size=1, max_size=4), max_size=8)
SENTENCES = st.lists(st.text(alphabet="abC", max_size=6), max_size=8).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(ROOTS, SENTENCES)
def test_agrees_with_brute_force(roots: list[str], sentence: str) -> None:
    assert replace_words(roots, sentence) == replace_words_brute_force(roots, sentence)


@pytest.mark.parametrize("solve", [replace_words, replace_words_brute_force])
def test_an_empty_root_is_refused(solve) -> None:
    with pytest.raises(ValueError, match="empty root"):
        solve(["a", ""], "abc")
