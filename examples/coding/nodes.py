"""The two node types coding problems pass around, and how case files encode them.

Case files hold plain JSON, so a linked list is written as the list of its
values, and a binary tree as its level-order values with `null` for a missing
child (trailing nulls dropped): `[1, null, 2, 3]` is 1 with a right child 2,
whose left child is 3. These functions turn one form into the other, so the
same case file can drive a Python, Java, Go or TypeScript solution.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(
    eq=False
)  # identity, not value: two nodes with equal values are still two nodes
class ListNode:
    val: int
    next: ListNode | None = None


@dataclass(eq=False)
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def build_list(values: list[int]) -> ListNode | None:
    head: ListNode | None = None
    for value in reversed(values):
        head = ListNode(value, head)
    return head


def iterate_list(head: ListNode | None, limit: int = 1_000_000) -> Iterator[int]:
    """Yield the values; a list longer than `limit` is taken to have a cycle."""
    node, seen = head, 0
    while node is not None:
        seen += 1
        if seen > limit:
            raise ValueError(
                f"the list has more than {limit:,} nodes; is there a cycle?"
            )
        yield node.val
        node = node.next


def list_values(head: ListNode | None) -> list[int]:
    return list(iterate_list(head))


def build_tree(values: list[int | None]) -> TreeNode | None:
    """Rebuild a tree from level order: each non-null node takes the next two slots."""
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    parents = deque([root])
    slots = iter(values[1:])
    for left in slots:
        if not parents:
            raise ValueError(f"level order {values!r} has values below no node")
        parent = parents.popleft()
        if left is not None:
            parent.left = TreeNode(left)
            parents.append(parent.left)
        right = next(slots, None)
        if right is not None:
            parent.right = TreeNode(right)
            parents.append(parent.right)
    return root


def tree_values(root: TreeNode | None) -> list[int | None]:
    """Level order with null for each missing child of a real node, trailing nulls dropped."""
    values: list[int | None] = []
    queue: deque[TreeNode | None] = deque([root])
    while queue:
        node = queue.popleft()
        if node is None:
            values.append(None)
            continue
        values.append(node.val)
        queue.extend((node.left, node.right))
    while values and values[-1] is None:
        values.pop()
    return values
