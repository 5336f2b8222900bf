"""Diameter of a binary tree: the number of edges on the longest path between any two nodes."""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:optimal]
def diameter(root: TreeNode | None) -> int:
    """Postorder with an explicit stack: each node's height comes from its children's. O(n)."""
    height: dict[int, int] = {}  # id(node) -> nodes on its longest downward path
    best = 0
    stack: list[tuple[TreeNode, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in (node.left, node.right) if child)
            continue
        left = height.get(id(node.left), 0) if node.left else 0
        right = height.get(id(node.right), 0) if node.right else 0
        best = max(best, left + right)  # the longest path that turns at this node
        height[id(node)] = 1 + max(left, right)
    return best


# --8<-- [end:optimal]


def _height(node: TreeNode | None) -> int:
    if node is None:
        return 0
    return 1 + max(_height(node.left), _height(node.right))


def diameter_brute_force(root: TreeNode | None) -> int:
    """Recompute both heights at every node: O(n*h)."""
    if root is None:
        return 0
    through_root = _height(root.left) + _height(root.right)
    return max(
        through_root, diameter_brute_force(root.left), diameter_brute_force(root.right)
    )


if __name__ == "__main__":
    print(diameter(build_tree([1, 2, 3, 4, 5])))
    #> 3
