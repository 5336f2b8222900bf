from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import TreeNode
from examples.coding.trees.lca_binary_tree import (
    lowest_common_ancestor,
    lowest_common_ancestor_brute_force,
)
from examples.coding.trees.lca_bst import (
    lowest_common_ancestor_bst,
    lowest_common_ancestor_bst_brute_force,
)
from examples.coding.trees.traversals import preorder_iterative
from tests.coding.trees.strategies import bsts, unique_trees


def _pick(draw: st.DrawFn, root: TreeNode | None) -> int:
    """A value in the tree most of the time, sometimes one that is not."""
    present = preorder_iterative(root)
    return draw(
        st.sampled_from(present)
        if present and draw(st.integers(0, 4))
        else st.integers(-2_000, 2_000)
    )


@settings(max_examples=200, deadline=None)
@given(unique_trees(), st.data())
def test_one_pass_agrees_with_root_to_node_paths(
    root: TreeNode | None, data: st.DataObject
) -> None:
    p, q = _pick(data.draw, root), _pick(data.draw, root)
    assert lowest_common_ancestor(root, p, q) == lowest_common_ancestor_brute_force(
        root, p, q
    )


@settings(max_examples=200, deadline=None)
@given(bsts(), st.data())
def test_bst_walk_agrees_with_the_general_search(
    root: TreeNode | None, data: st.DataObject
) -> None:
    p, q = _pick(data.draw, root), _pick(data.draw, root)
    assert lowest_common_ancestor_bst(
        root, p, q
    ) == lowest_common_ancestor_bst_brute_force(root, p, q)
