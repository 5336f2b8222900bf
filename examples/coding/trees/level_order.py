"""Level-order traversal: the values of each depth, top to bottom, left to right within a level."""

from __future__ import annotations

from collections import deque

from examples.coding.nodes import TreeNode, build_tree
from examples.coding.trees.max_depth import max_depth


# --8<-- [start:optimal]
def level_order(root: TreeNode | None) -> list[list[int]]:
    """Breadth-first with a queue, one level per outer loop. O(n) time, O(width) space."""
    levels: list[list[int]] = []
    queue = deque([root] if root is not None else [])
    while queue:
        # Invariant: the queue holds exactly the nodes of the next level, left to right.
        level = []
        for _ in range(len(queue)):  # the length now, before this level's children join
            node = queue.popleft()
            level.append(node.val)
            for child in (node.left, node.right):
                if child is not None:
                    queue.append(child)
        levels.append(level)
    return levels


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def level_order_brute_force(root: TreeNode | None) -> list[list[int]]:
    """One full depth-first walk per level, keeping the nodes at that depth: O(n*h)."""
    levels = []
    for wanted in range(max_depth(root)):
        level = []
        stack = [(root, 0)] if root is not None else []
        while stack:
            node, depth = stack.pop()
            if depth == wanted:
                level.append(node.val)
                continue
            for child in (node.right, node.left):  # left on top: left-to-right order
                if child is not None:
                    stack.append((child, depth + 1))
        levels.append(level)
    return levels


# --8<-- [end:brute_force]


if __name__ == "__main__":
    tree = build_tree([3, 9, 20, None, None, 15, 7])
    print(level_order(tree))
    #> [[3], [9, 20], [15, 7]]
