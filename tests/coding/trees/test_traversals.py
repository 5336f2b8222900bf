"""The recursive and iterative traversals agree on random trees, and only the iterative ones survive a deep chain."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.recursion_depth import right_chain
from examples.coding.trees.traversals import (
    inorder_iterative,
    inorder_recursive,
    level_order_values,
    postorder_iterative,
    postorder_recursive,
    preorder_iterative,
    preorder_recursive,
)
from tests.coding.trees.strategies import trees


@settings(max_examples=200, deadline=None)
@given(trees())
def test_iterative_traversals_match_recursive_ones(root: TreeNode | None) -> None:
    assert preorder_iterative(root) == preorder_recursive(root)
    assert inorder_iterative(root) == inorder_recursive(root)
    assert postorder_iterative(root) == postorder_recursive(root)


@settings(max_examples=200, deadline=None)
@given(trees())
def test_every_traversal_visits_every_node_once(root: TreeNode | None) -> None:
    expected = sorted(preorder_recursive(root))
    for traversal in (inorder_iterative, postorder_iterative, level_order_values):
        assert sorted(traversal(root)) == expected


@settings(max_examples=200, deadline=None)
@given(trees())
def test_level_order_values_read_the_case_file_form_without_nulls(
    root: TreeNode | None,
) -> None:
    from examples.coding.nodes import tree_values

    assert level_order_values(root) == [v for v in tree_values(root) if v is not None]


def test_the_demo_tree() -> None:
    tree = build_tree([4, 2, 6, 1, 3, None, 7])
    assert preorder_iterative(tree) == [4, 2, 1, 3, 6, 7]
    assert inorder_iterative(tree) == [1, 2, 3, 4, 6, 7]
    assert postorder_iterative(tree) == [1, 3, 2, 7, 6, 4]


def test_a_5000_node_chain_breaks_recursion_but_not_the_stack_versions() -> None:
    chain = right_chain(5_000)
    for recursive in (preorder_recursive, inorder_recursive, postorder_recursive):
        with pytest.raises(RecursionError):
            recursive(chain)
    expected = list(range(1, 5_001))
    assert preorder_iterative(chain) == expected
    assert inorder_iterative(chain) == expected
    assert postorder_iterative(chain) == expected[::-1]
    assert level_order_values(chain) == expected


def test_empty_tree() -> None:
    for traversal in (
        preorder_iterative,
        inorder_iterative,
        postorder_iterative,
        level_order_values,
    ):
        assert traversal(None) == []
