"""Maximum depth: the number of nodes on the longest path from the root down to a leaf."""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:optimal]
def max_depth_recursive(root: TreeNode | None) -> int:
    """A node's depth is one more than its deeper child's. Recurses h deep."""
    if root is None:
        return 0
    return 1 + max(max_depth_recursive(root.left), max_depth_recursive(root.right))


def max_depth(root: TreeNode | None) -> int:
    """The same answer with an explicit stack, so a 5,000-level chain is fine."""
    deepest = 0
    # Invariant: each entry is a node still to visit and its depth (the root is depth 1).
    stack = [(root, 1)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, depth + 1))
    return deepest


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def max_depth_brute_force(root: TreeNode | None) -> int:
    """Write down every root-to-leaf path, then take the longest: O(n*h) time and space."""
    if root is None:
        return 0
    paths: list[list[int]] = []
    stack = [(root, [root.val])]
    while stack:
        node, path = stack.pop()
        if node.left is None and node.right is None:
            paths.append(path)
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, [*path, child.val]))
    return max(len(path) for path in paths)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    tree = build_tree([3, 9, 20, None, None, 15, 7])
    print(max_depth(tree), max_depth_recursive(tree), max_depth_brute_force(tree))
    #> 3 3 3
