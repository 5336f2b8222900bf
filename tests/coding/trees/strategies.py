"""Hypothesis strategies for random binary trees and binary search trees."""

from __future__ import annotations

from hypothesis import strategies as st

from examples.coding.nodes import TreeNode


def _copy_shape(node: TreeNode | None, values: list[int]) -> TreeNode | None:
    """The same shape with `values` assigned in preorder (shapes are small: recursion is fine)."""
    if node is None:
        return None
    copy = TreeNode(values.pop())
    copy.left = _copy_shape(node.left, values)
    copy.right = _copy_shape(node.right, values)
    return copy


def _size(node: TreeNode | None) -> int:
    return 0 if node is None else 1 + _size(node.left) + _size(node.right)


def trees(
    values: st.SearchStrategy[int] | None = None, max_leaves: int = 40
) -> st.SearchStrategy[TreeNode | None]:
    """Any shape, including the empty tree and lopsided chains; small values, so duplicates are common."""
    values = values if values is not None else st.integers(-5, 5)
    return st.recursive(
        st.none(),
        lambda children: st.builds(TreeNode, values, children, children),
        max_leaves=max_leaves,
    )


@st.composite
def unique_trees(draw: st.DrawFn, max_leaves: int = 40) -> TreeNode | None:
    """Any shape with distinct values (negative ones included), for problems that name nodes by value."""
    shape = draw(trees(st.just(0), max_leaves))
    count = _size(shape)
    labels = draw(
        st.lists(
            st.integers(-1_000, 1_000), min_size=count, max_size=count, unique=True
        )
    )
    return _copy_shape(shape, labels)


def insert(root: TreeNode | None, value: int) -> TreeNode:
    """Plain (unbalanced) BST insert; duplicates are ignored."""
    new = TreeNode(value)
    if root is None:
        return new
    node = root
    while True:
        if value == node.val:
            return root
        side = "left" if value < node.val else "right"
        child = getattr(node, side)
        if child is None:
            setattr(node, side, new)
            return root
        node = child


@st.composite
def bsts(draw: st.DrawFn, max_size: int = 40) -> TreeNode | None:
    """Valid strict BSTs: distinct keys inserted in a random order."""
    keys = draw(st.lists(st.integers(-100, 100), max_size=max_size, unique=True))
    root = None
    for key in keys:
        root = insert(root, key)
    return root
