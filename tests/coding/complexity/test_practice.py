"""Practice solutions agree with the slow versions they replace, and with a model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.complexity.common_items import common_items, common_items_slow
from examples.coding.complexity.dedupe_keep_order import dedupe, dedupe_slow

small_ints = st.lists(st.integers(min_value=-10, max_value=10), max_size=40)


@settings(max_examples=200, deadline=None)
@given(small_ints)
def test_dedupe_matches_slow_version_and_model(values: list[int]) -> None:
    assert dedupe(values) == dedupe_slow(values) == list(dict.fromkeys(values))


@settings(max_examples=200, deadline=None)
@given(small_ints, small_ints)
def test_common_items_matches_slow_version(a: list[int], b: list[int]) -> None:
    assert common_items(a, b) == common_items_slow(a, b)


def test_dedupe_reads_a_stream_once() -> None:
    assert dedupe(iter([2, 2, 1])) == [2, 1]
