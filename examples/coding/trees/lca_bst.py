"""Lowest common ancestor in a binary search tree: walk down until p and q fall on different sides.

Values are unique (a strict BST). If p or q is not in the tree there is no
answer, and the function returns None.
"""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.lca_binary_tree import lowest_common_ancestor


def bst_contains(node: TreeNode | None, value: int) -> bool:
    """Search down one path: O(h)."""
    while node is not None and node.val != value:
        node = node.left if value < node.val else node.right
    return node is not None


# --8<-- [start:optimal]
def lowest_common_ancestor_bst(root: TreeNode | None, p: int, q: int) -> int | None:
    """O(h) time, O(1) space: h is log n when the tree is balanced and n when it is a chain."""
    low, high = min(p, q), max(p, q)
    node = root
    # Invariant: if both values are in the tree, they are both in node's subtree.
    while node is not None:
        if high < node.val:
            node = node.left
        elif low > node.val:
            node = node.right
        else:  # low <= node.val <= high: p and q split here (or one of them is here)
            if bst_contains(node, low) and bst_contains(node, high):
                return node.val
            return None
    return None


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def lowest_common_ancestor_bst_brute_force(
    root: TreeNode | None, p: int, q: int
) -> int | None:
    """Ignore the ordering and search the whole tree: O(n)."""
    return lowest_common_ancestor(root, p, q)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    tree = build_tree([6, 2, 8, 0, 4, 7, 9, None, None, 3, 5])
    print(
        lowest_common_ancestor_bst(tree, 3, 5), lowest_common_ancestor_bst(tree, 2, 9)
    )
    #> 4 6
