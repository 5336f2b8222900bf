"""The explicit-stack depth agrees with the recursive one, and survives depths recursion cannot."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.explicit_stack import nesting_depth, nesting_depth_recursive

nested = st.recursive(st.integers(), lambda children: st.lists(children, max_size=4), max_leaves=30)


@given(nested)
@settings(max_examples=200, deadline=None)
def test_matches_recursive_version(item: object) -> None:
    assert nesting_depth(item) == nesting_depth_recursive(item)


def test_depth_far_beyond_the_recursion_limit() -> None:
    item: list[object] = []
    for _ in range(sys.getrecursionlimit() * 20):
        item = [item]
    assert nesting_depth(item) == sys.getrecursionlimit() * 20 + 1


def test_recursive_version_spends_one_frame_per_level() -> None:
    """The page says recursion fails near the limit, so half the limit must still work."""
    depth = sys.getrecursionlimit() // 2
    item: list[object] = []
    for _ in range(depth - 1):
        item = [item]
    assert nesting_depth_recursive(item) == depth
