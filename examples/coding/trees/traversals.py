"""The four traversals of a binary tree, each written recursively and with an explicit stack or queue.

The recursive versions are the definitions; the iterative ones do the same work
without using Python's call stack, so a tree 5,000 levels deep does not raise
RecursionError (see recursion_depth.py).
"""

from __future__ import annotations

from collections import deque

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:recursive]
def preorder_recursive(root: TreeNode | None) -> list[int]:
    """Node, then left subtree, then right subtree."""
    values: list[int] = []

    def visit(node: TreeNode | None) -> None:
        if node is None:
            return
        values.append(node.val)
        visit(node.left)
        visit(node.right)

    visit(root)
    return values


def inorder_recursive(root: TreeNode | None) -> list[int]:
    """Left subtree, then node, then right subtree: sorted order in a BST."""
    values: list[int] = []

    def visit(node: TreeNode | None) -> None:
        if node is None:
            return
        visit(node.left)
        values.append(node.val)
        visit(node.right)

    visit(root)
    return values


def postorder_recursive(root: TreeNode | None) -> list[int]:
    """Both subtrees before the node: what you need when a node's answer uses its children's."""
    values: list[int] = []

    def visit(node: TreeNode | None) -> None:
        if node is None:
            return
        visit(node.left)
        visit(node.right)
        values.append(node.val)

    visit(root)
    return values


# --8<-- [end:recursive]


# --8<-- [start:iterative]
def preorder_iterative(root: TreeNode | None) -> list[int]:
    # Invariant: the stack holds the roots of the subtrees still to visit, the next one on top.
    values: list[int] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        values.append(node.val)
        # Right is pushed first, so it is popped after the whole left subtree.
        if node.right is not None:
            stack.append(node.right)
        if node.left is not None:
            stack.append(node.left)
    return values


def inorder_iterative(root: TreeNode | None) -> list[int]:
    # Invariant: the stack holds the ancestors whose left subtree is being visited
    # and who have not been emitted yet; `node` is the next subtree to descend into.
    values: list[int] = []
    stack: list[TreeNode] = []
    node = root
    while node is not None or stack:
        while node is not None:  # run down the left spine
            stack.append(node)
            node = node.left
        node = stack.pop()  # its left subtree is done: emit it, then do its right
        values.append(node.val)
        node = node.right
    return values


def postorder_iterative(root: TreeNode | None) -> list[int]:
    # Invariant: a node is on the stack with expanded=False until its children are
    # pushed above it; it is emitted when popped with expanded=True, after both.
    values: list[int] = []
    stack: list[tuple[TreeNode, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, expanded = stack.pop()
        if expanded:
            values.append(node.val)
            continue
        stack.append((node, True))
        if node.right is not None:
            stack.append((node.right, False))
        if node.left is not None:
            stack.append((node.left, False))
    return values


def level_order_values(root: TreeNode | None) -> list[int]:
    # Invariant: the queue holds the nodes seen but not emitted, in level order.
    values: list[int] = []
    queue = deque([root] if root is not None else [])
    while queue:
        node = queue.popleft()
        values.append(node.val)
        for child in (node.left, node.right):
            if child is not None:
                queue.append(child)
    return values


# --8<-- [end:iterative]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # 4 over 2 and 6; 2 over 1 and 3; 6 has a right child, 7.
    tree = build_tree([4, 2, 6, 1, 3, None, 7])
    print(preorder_iterative(tree), postorder_iterative(tree))
    #> [4, 2, 1, 3, 6, 7] [1, 3, 2, 7, 6, 4]
    print(inorder_iterative(tree), level_order_values(tree))
    #> [1, 2, 3, 4, 6, 7] [4, 2, 6, 1, 3, 7]
    # --8<-- [end:demo]
