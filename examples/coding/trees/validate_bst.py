"""Validate a binary search tree: every key in a node's left subtree is smaller, every key in its right subtree larger.

The rule is about whole subtrees, not children. By default the order is strict
(no duplicates); `duplicates_go_left=True` accepts the other common convention,
left <= node < right.
"""

from __future__ import annotations

from itertools import pairwise

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.traversals import inorder_iterative


# --8<-- [start:optimal]
def is_valid_bst(root: TreeNode | None, *, duplicates_go_left: bool = False) -> bool:
    """Carry the open interval each node must fall in down from its ancestors. O(n) time, O(h) space."""
    # Invariant: each entry is (node, low, high): every ancestor where the path went
    # right set low, every one where it went left set high; None means unbounded.
    stack: list[tuple[TreeNode, int | None, int | None]] = []
    if root is not None:
        stack.append((root, None, None))
    while stack:
        node, low, high = stack.pop()
        if low is not None and node.val <= low:
            return False
        if high is not None and (
            node.val > high if duplicates_go_left else node.val >= high
        ):
            return False
        if node.left is not None:
            stack.append((node.left, low, node.val))
        if node.right is not None:
            stack.append((node.right, node.val, high))
    return True


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def _keys(node: TreeNode | None) -> list[int]:
    """Every key in the subtree under `node`."""
    keys: list[int] = []
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        keys.append(node.val)
        stack.extend(child for child in (node.left, node.right) if child is not None)
    return keys


def is_valid_bst_brute_force(
    root: TreeNode | None, *, duplicates_go_left: bool = False
) -> bool:
    """The definition, word for word: each node against every key below it. O(n*h)."""
    nodes = [root] if root is not None else []
    while nodes:
        node = nodes.pop()
        for key in _keys(node.left):
            if key > node.val or (key == node.val and not duplicates_go_left):
                return False
        if any(key <= node.val for key in _keys(node.right)):
            return False
        nodes.extend(child for child in (node.left, node.right) if child is not None)
    return True


# --8<-- [end:brute_force]


def is_valid_bst_inorder(root: TreeNode | None) -> bool:
    """A strict BST is exactly a tree whose inorder walk strictly increases. O(n) time and space."""
    values = inorder_iterative(root)
    return all(a < b for a, b in pairwise(values))


# --8<-- [start:children_only]
def is_valid_bst_children_only(root: TreeNode | None) -> bool:
    """THE BUG: compares each node with its own children only, never with its ancestors."""
    if root is None:
        return True
    if root.left is not None and root.left.val >= root.val:
        return False
    if root.right is not None and root.right.val <= root.val:
        return False
    return is_valid_bst_children_only(root.left) and is_valid_bst_children_only(
        root.right
    )


# --8<-- [end:children_only]


if __name__ == "__main__":
    # --8<-- [start:counterexample]
    # 5 over 4 and 6; 6 over 3 and 7. Every parent-child pair is in order,
    # but 3 sits in 5's right subtree, so this is not a BST.
    tree = build_tree([5, 4, 6, None, None, 3, 7])
    print(is_valid_bst_children_only(tree), is_valid_bst(tree))
    #> True False
    # --8<-- [end:counterexample]
    # --8<-- [start:duplicates]
    twos = build_tree([2, 2, 2])  # a 2 on each side of a 2
    print(is_valid_bst(twos), is_valid_bst(twos, duplicates_go_left=True))
    #> False False
    print(is_valid_bst(build_tree([2, 2]), duplicates_go_left=True))
    #> True
    # Loosening the inorder check to <= accepts [2, 2, 2] under either rule:
    values = inorder_iterative(twos)
    print(values, all(a <= b for a, b in pairwise(values)))
    #> [2, 2, 2] True
    # --8<-- [end:duplicates]
