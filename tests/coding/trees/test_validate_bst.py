from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.validate_bst import (
    is_valid_bst,
    is_valid_bst_brute_force,
    is_valid_bst_children_only,
    is_valid_bst_inorder,
)
from tests.coding.trees.strategies import bsts, trees


@settings(max_examples=200, deadline=None)
@given(st.one_of(trees(), bsts()))
def test_bounds_agree_with_sorted_inorder(root: TreeNode | None) -> None:
    assert is_valid_bst(root) == is_valid_bst_brute_force(root)


@settings(max_examples=200, deadline=None)
@given(st.one_of(trees(), bsts()))
def test_bounds_agree_with_the_definition_when_duplicates_go_left(
    root: TreeNode | None,
) -> None:
    assert is_valid_bst(root, duplicates_go_left=True) == is_valid_bst_brute_force(
        root, duplicates_go_left=True
    )


@settings(max_examples=200, deadline=None)
@given(st.one_of(trees(), bsts()))
def test_a_strict_bst_is_one_whose_inorder_walk_strictly_increases(
    root: TreeNode | None,
) -> None:
    assert is_valid_bst_inorder(root) == is_valid_bst_brute_force(root)


@settings(max_examples=100, deadline=None)
@given(bsts())
def test_every_inserted_bst_is_valid(root: TreeNode | None) -> None:
    assert is_valid_bst(root)
    assert is_valid_bst(root, duplicates_go_left=True)


def test_children_only_check_accepts_a_tree_that_is_not_a_bst() -> None:
    tree = build_tree([5, 4, 6, None, None, 3, 7])
    assert is_valid_bst_children_only(tree)
    assert not is_valid_bst(tree)
    assert not is_valid_bst_brute_force(tree)


def test_duplicates_depend_on_the_convention() -> None:
    assert not is_valid_bst(build_tree([2, 2]))
    assert is_valid_bst(build_tree([2, 2]), duplicates_go_left=True)
    assert not is_valid_bst(build_tree([2, None, 2]), duplicates_go_left=True)
    # a duplicate deep in the left subtree of an equal ancestor is allowed under the convention
    assert is_valid_bst(build_tree([5, 3, None, None, 5]), duplicates_go_left=True)
    assert not is_valid_bst(build_tree([5, 3, None, None, 6]), duplicates_go_left=True)
