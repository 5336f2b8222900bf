"""Reverse a singly linked list: iterative, recursive, and by copying values."""

from __future__ import annotations

import sys

from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:iterative]
def reverse_list(head: ListNode | None) -> ListNode | None:
    """Reverse in place and return the new head (the old tail). O(n) time, O(1) space."""
    previous: ListNode | None = None
    current = head
    # Invariant: previous heads the reversed part, current heads the untouched rest.
    while current is not None:
        rest = current.next  # save the rest before the next line overwrites it
        current.next = previous
        previous, current = current, rest
    return previous


# --8<-- [end:iterative]


# --8<-- [start:recursive]
def reverse_list_recursive(head: ListNode | None) -> ListNode | None:
    """Reverse the rest, then hang `head` after its old successor.

    O(n) time and O(n) stack: one Python frame per node, so a list longer than
    the recursion limit (1000 by default in CPython) raises RecursionError.
    """
    if head is None or head.next is None:
        return head
    new_head = reverse_list_recursive(head.next)
    head.next.next = head  # head.next is now the tail of the reversed rest
    head.next = None  # cut: the old head becomes the new tail
    return new_head


# --8<-- [end:recursive]


# --8<-- [start:brute]
def reverse_list_brute_force(head: ListNode | None) -> ListNode | None:
    """Copy the values out, build a fresh reversed list. O(n) time, O(n) space."""
    return build_list(list_values(head)[::-1])


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(list_values(reverse_list(build_list([1, 2, 3, 4]))))
    #> [4, 3, 2, 1]
    print(sys.getrecursionlimit())
    #> 1000
    long_list = build_list(list(range(5_000)))
    try:
        reverse_list_recursive(long_list)
    except RecursionError as error:
        print(type(error).__name__)  # 5,000 nodes need 5,000 frames
        #> RecursionError
    print(list_values(reverse_list(long_list))[:3])  # the iterative one is fine
    #> [4999, 4998, 4997]
    # --8<-- [end:demo]
