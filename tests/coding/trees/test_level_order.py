from __future__ import annotations

from hypothesis import given, settings

from examples.coding.nodes import TreeNode
from examples.coding.trees.level_order import level_order, level_order_brute_force
from examples.coding.trees.traversals import level_order_values
from tests.coding.trees.strategies import trees


@settings(max_examples=200, deadline=None)
@given(trees())
def test_queue_agrees_with_one_walk_per_level(root: TreeNode | None) -> None:
    levels = level_order(root)
    assert levels == level_order_brute_force(root)
    assert [value for level in levels for value in level] == level_order_values(root)
