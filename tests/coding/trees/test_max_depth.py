from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.nodes import TreeNode
from examples.coding.trees.max_depth import (
    max_depth,
    max_depth_brute_force,
    max_depth_recursive,
)
from examples.coding.trees.recursion_depth import right_chain
from tests.coding.trees.strategies import trees


@settings(max_examples=200, deadline=None)
@given(trees())
def test_all_three_agree(root: TreeNode | None) -> None:
    assert max_depth(root) == max_depth_brute_force(root) == max_depth_recursive(root)


def test_a_deep_chain() -> None:
    chain = right_chain(5_000)
    assert max_depth(chain) == 5_000
    with pytest.raises(RecursionError):
        max_depth_recursive(chain)
