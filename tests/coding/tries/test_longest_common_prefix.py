"""The vertical scan and the trie agree, and both give a common prefix nothing extends."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.tries.longest_common_prefix import (
    longest_common_prefix,
    longest_common_prefix_trie,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abZ", max_size=6), max_size=8))
def test_scan_and_trie_agree_with_the_library(words: list[str]) -> None:
    expected = os.path.commonprefix(words)  # character by character, on any list
    assert longest_common_prefix(words) == expected
    assert longest_common_prefix_trie(words) == expected
