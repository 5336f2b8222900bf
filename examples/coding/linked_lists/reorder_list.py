"""Reorder a list as first, last, second, second-to-last, ... in place (Reorder List).

Three moves you already know: find the middle with a slow and a fast pointer,
reverse the second half, and merge the two halves by taking turns.
"""

from __future__ import annotations

from itertools import pairwise

from examples.coding.linked_lists.reverse_list import reverse_list
from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:middle]
def end_of_first_half(head: ListNode) -> ListNode:
    """The last node of the first half; the first half gets the extra node of an odd list.

    fast moves two nodes per step and slow one, so slow is halfway when fast ends.
    """
    slow = fast = head
    while fast.next is not None and fast.next.next is not None:
        slow, fast = slow.next, fast.next.next
    return slow


# --8<-- [end:middle]


# --8<-- [start:optimal]
def reorder_list(head: ListNode | None) -> None:
    """L0, L1, ..., Ln becomes L0, Ln, L1, Ln-1, ... by relinking. O(n) time, O(1) space."""
    if head is None:
        return
    last_of_first = end_of_first_half(head)
    second = reverse_list(last_of_first.next)
    last_of_first.next = None  # cut the halves apart, or the result loops forever
    first: ListNode | None = head
    # Invariant: the second half is never longer than the first, so first is not None here.
    while second is not None and first is not None:
        first_rest, second_rest = first.next, second.next  # save both before relinking
        first.next, second.next = second, first_rest
        first, second = first_rest, second_rest


# --8<-- [end:optimal]


# --8<-- [start:brute]
def reorder_list_brute_force(head: ListNode | None) -> None:
    """Put the nodes in a Python list and relink them by index. O(n) time, O(n) space."""
    nodes: list[ListNode] = []
    node = head
    while node is not None:
        nodes.append(node)
        node = node.next
    order: list[ListNode] = []
    left, right = 0, len(nodes) - 1
    while left <= right:
        order.append(nodes[left])
        if left != right:
            order.append(nodes[right])
        left, right = left + 1, right - 1
    for current, following in pairwise(order):
        current.next = following
    if order:
        order[-1].next = None  # the new tail was somewhere in the middle: cut it


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for values in ([1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2]):
        head = build_list(values)
        reorder_list(head)
        print(values, "->", list_values(head))
        #> [1, 2, 3, 4] -> [1, 4, 2, 3]
        #> [1, 2, 3, 4, 5] -> [1, 5, 2, 4, 3]
        #> [1, 2] -> [1, 2]
    # --8<-- [end:demo]
