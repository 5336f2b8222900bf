from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.pitfalls import (
    contains,
    contains_buggy,
    leaves,
    leaves_buggy,
)
from examples.coding.trees.traversals import preorder_iterative
from tests.coding.trees.strategies import trees


def test_the_shared_default_leaks_between_calls() -> None:
    tree = build_tree([1, 2, 3])
    first = leaves_buggy(tree)
    assert leaves_buggy(tree) is first
    assert len(first) >= 4  # two calls (more if another test called it first)
    assert leaves(tree) == leaves(tree) == [2, 3]


@settings(max_examples=200, deadline=None)
@given(trees(), st.integers(-6, 6))
def test_contains_finds_exactly_the_values_present(
    root: TreeNode | None, target: int
) -> None:
    assert contains(root, target) == (target in preorder_iterative(root))


def test_the_dropped_result_misses_left_subtrees() -> None:
    tree = build_tree([1, 2, 3])
    assert contains_buggy(tree, 3)
    assert not contains_buggy(tree, 2)
