"""A degenerate tree (a chain) is as deep as it is long, and Python's call stack is not.

Inserting sorted keys into a plain BST builds exactly this chain.
"""

from __future__ import annotations

import sys

from examples.coding.nodes import TreeNode
from examples.coding.trees.traversals import inorder_iterative, inorder_recursive


def right_chain(length: int) -> TreeNode | None:
    """1 -> 2 -> ... -> length, each node the right child of the one before."""
    root: TreeNode | None = None
    for value in range(length, 0, -1):
        root = TreeNode(value, right=root)
    return root


if __name__ == "__main__":
    # --8<-- [start:demo]
    chain = right_chain(5_000)
    print(sys.getrecursionlimit())
    #> 1000
    try:
        inorder_recursive(chain)
    except RecursionError as error:
        print(type(error).__name__, "-", error)
        #> RecursionError - maximum recursion depth exceeded
    print(len(inorder_iterative(chain)), inorder_iterative(chain)[-1])
    #> 5000 5000
    # --8<-- [end:demo]
