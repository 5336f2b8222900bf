"""Lowest common ancestor in any binary tree: the deepest node that has both p and q in its subtree.

Nodes are named by value, because case files hold values, so the values in the
tree must be unique. A node counts as its own ancestor. When p or q is not in
the tree there is no answer, and the functions return None.
"""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:optimal]
def lowest_common_ancestor(root: TreeNode | None, p: int, q: int) -> int | None:
    """One postorder pass: the first node whose subtree holds both wins. O(n) time, O(h) stack."""
    answer: int | None = None

    def found_below(node: TreeNode | None) -> int:
        """How many of p and q are in this subtree (a node equal to both counts twice)."""
        nonlocal answer
        if node is None:
            return 0
        here = (node.val == p) + (node.val == q)
        total = found_below(node.left) + found_below(node.right) + here
        # Postorder sees the deepest node holding both first; keep that one.
        if total == 2 and answer is None:
            answer = node.val
        return total

    found_below(root)
    return answer


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def path_to(root: TreeNode | None, target: int) -> list[int] | None:
    """The values from the root down to `target`, or None if it is not in the tree."""
    stack = [(root, [root.val])] if root is not None else []
    while stack:
        node, path = stack.pop()
        if node.val == target:
            return path
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, [*path, child.val]))
    return None


def lowest_common_ancestor_brute_force(
    root: TreeNode | None, p: int, q: int
) -> int | None:
    """Two root-to-node paths; the answer is the last value they share. O(n*h) with path copies."""
    to_p, to_q = path_to(root, p), path_to(root, q)
    if to_p is None or to_q is None:
        return None
    shared = None
    for a, b in zip(to_p, to_q, strict=False):
        if a != b:
            break
        shared = a
    return shared


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    tree = build_tree([3, 5, 1, 6, 2, 0, 8, None, None, 7, 4])
    print(path_to(tree, 7), path_to(tree, 4), path_to(tree, 8))
    #> [3, 5, 2, 7] [3, 5, 2, 4] [3, 1, 8]
    print(lowest_common_ancestor(tree, 7, 4), lowest_common_ancestor(tree, 7, 8))
    #> 2 3
    print(lowest_common_ancestor(tree, 5, 4), lowest_common_ancestor(tree, 5, 99))
    #> 5 None
    # --8<-- [end:demo]
