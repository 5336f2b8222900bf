from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import TreeNode
from examples.coding.trees.diameter import diameter, diameter_brute_force
from examples.coding.trees.kth_smallest import kth_smallest, kth_smallest_brute_force
from examples.coding.trees.path_sum import has_path_sum, has_path_sum_brute_force
from examples.coding.trees.recursion_depth import right_chain
from examples.coding.trees.traversals import preorder_iterative
from tests.coding.trees.strategies import bsts, trees


@settings(max_examples=200, deadline=None)
@given(trees())
def test_diameter_agrees_with_heights_at_every_node(root: TreeNode | None) -> None:
    assert diameter(root) == diameter_brute_force(root)


@settings(max_examples=200, deadline=None)
@given(bsts(), st.integers(0, 45))
def test_kth_smallest_agrees_with_sorting(root: TreeNode | None, k: int) -> None:
    size = len(preorder_iterative(root))
    if 1 <= k <= size:
        assert kth_smallest(root, k) == kth_smallest_brute_force(root, k)
    else:
        with pytest.raises(ValueError):
            kth_smallest(root, k)
        with pytest.raises(ValueError):
            kth_smallest_brute_force(root, k)


@settings(max_examples=200, deadline=None)
@given(trees(), st.integers(-15, 15))
def test_path_sum_agrees_with_listing_every_path(
    root: TreeNode | None, target: int
) -> None:
    assert has_path_sum(root, target) == has_path_sum_brute_force(root, target)


def test_deep_chains() -> None:
    chain = right_chain(5_000)
    assert diameter(chain) == 4_999
    assert kth_smallest(chain, 5_000) == 5_000
    assert has_path_sum(chain, 5_000 * 5_001 // 2)
