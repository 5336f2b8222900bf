"""The kth smallest key in a binary search tree (k counts from 1)."""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.traversals import preorder_iterative


# --8<-- [start:optimal]
def kth_smallest(root: TreeNode | None, k: int) -> int:
    """Inorder with a stack, stopping at the kth value: O(h + k) time, O(h) space."""
    if k < 1:
        raise ValueError(f"k counts from 1, got {k}")
    stack: list[TreeNode] = []
    node = root
    while node is not None or stack:
        while node is not None:
            stack.append(node)
            node = node.left
        node = stack.pop()
        k -= 1
        if k == 0:
            return node.val
        node = node.right
    raise ValueError("k is larger than the number of keys")


# --8<-- [end:optimal]


def kth_smallest_brute_force(root: TreeNode | None, k: int) -> int:
    """Collect every key in any order, sort, index: O(n log n).

    Preorder, not inorder: a BST's inorder walk is already sorted, and sorting a
    sorted list is O(n) in Python, so that would not be the brute force it claims.
    """
    values = sorted(preorder_iterative(root))
    if not 1 <= k <= len(values):
        raise ValueError(f"k must be between 1 and {len(values)}, got {k}")
    return values[k - 1]


if __name__ == "__main__":
    print(kth_smallest(build_tree([5, 3, 6, 2, 4, None, None, 1]), 3))
    #> 3
