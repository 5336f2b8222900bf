"""Path sum: does some root-to-leaf path add up to the target?"""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:optimal]
def has_path_sum(root: TreeNode | None, target: int) -> bool:
    """Depth-first, carrying what is left to find. O(n) time, O(h) space. Only leaves end a path."""
    stack = [(root, target - root.val)] if root is not None else []
    while stack:
        node, remaining = stack.pop()
        if node.left is None and node.right is None and remaining == 0:
            return True
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, remaining - child.val))
    return False


# --8<-- [end:optimal]


def has_path_sum_brute_force(root: TreeNode | None, target: int) -> bool:
    """List every root-to-leaf path, then sum each one: O(n*h)."""
    paths: list[list[int]] = []
    stack = [(root, [root.val])] if root is not None else []
    while stack:
        node, path = stack.pop()
        if node.left is None and node.right is None:
            paths.append(path)
        for child in (node.left, node.right):
            if child is not None:
                stack.append((child, [*path, child.val]))
    return any(sum(path) == target for path in paths)


if __name__ == "__main__":
    tree = build_tree([5, 4, 8, 11, None, 13, 4, 7, 2])
    print(has_path_sum(tree, 22), has_path_sum(tree, 9))
    #> True False
