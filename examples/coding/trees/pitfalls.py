"""Two recursive bugs that pass the first test and fail the second, each beside its fix."""

from __future__ import annotations

from examples.coding.nodes import TreeNode, build_tree


# --8<-- [start:shared_default]
def leaves_buggy(
    node: TreeNode | None,
    found: list[int] = [],  # noqa: B006 - the bug on show
) -> list[int]:
    """THE BUG: the default list is built once, when `def` runs, and every call shares it."""
    if node is not None:
        if node.left is None and node.right is None:
            found.append(node.val)
        leaves_buggy(node.left, found)
        leaves_buggy(node.right, found)
    return found


def leaves(node: TreeNode | None, found: list[int] | None = None) -> list[int]:
    """The fix: None as the default, a fresh list per top-level call."""
    if found is None:
        found = []
    if node is not None:
        if node.left is None and node.right is None:
            found.append(node.val)
        leaves(node.left, found)
        leaves(node.right, found)
    return found


# --8<-- [end:shared_default]


# --8<-- [start:dropped_result]
def contains_buggy(node: TreeNode | None, target: int) -> bool:
    """THE BUG: the left search runs, and its answer is thrown away."""
    if node is None:
        return False
    if node.val == target:
        return True
    contains_buggy(node.left, target)
    return contains_buggy(node.right, target)


def contains(node: TreeNode | None, target: int) -> bool:
    """The fix: return what the subtree found, and stop as soon as one side finds it."""
    if node is None:
        return False
    return (
        node.val == target
        or contains(node.left, target)
        or contains(node.right, target)
    )


# --8<-- [end:dropped_result]


if __name__ == "__main__":
    # --8<-- [start:demo]
    tree = build_tree([1, 2, 3])
    first = leaves_buggy(tree)
    print(first)
    #> [2, 3]
    second = leaves_buggy(tree)
    print(second, second is first)
    #> [2, 3, 2, 3] True
    print(leaves(tree), leaves(tree))
    #> [2, 3] [2, 3]
    print(contains_buggy(tree, 3), contains_buggy(tree, 2), contains(tree, 2))
    #> True False True
    # --8<-- [end:demo]
