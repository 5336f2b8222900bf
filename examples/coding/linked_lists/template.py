"""The linked-list template: a dummy head and a previous/current walk.

`remove_where` is a real, general helper (drop every node a predicate picks),
and `remove_value` is the classic problem built on it.
"""

from __future__ import annotations

from collections.abc import Callable

from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:template]
def remove_where(
    head: ListNode | None, should_remove: Callable[[int], bool]
) -> ListNode | None:
    """Unlink every node whose value `should_remove` picks; return the new head.

    O(n) time, O(1) extra space. The nodes that stay are reused, not copied.
    """
    dummy = ListNode(0, head)  # sentinel: even the first real node has a previous node
    previous, current = dummy, head
    # Invariant: previous.next is current, and dummy..previous is the finished result.
    while current is not None:
        if should_remove(current.val):
            previous.next = current.next  # unlink current; previous stays put
        else:
            previous = current  # keep current; the finished part grows by one
        current = current.next
    return dummy.next  # never the old `head`: the first node may have been removed


# --8<-- [end:template]


def remove_value(head: ListNode | None, value: int) -> ListNode | None:
    """Remove every node holding `value` (Remove Linked List Elements)."""
    return remove_where(head, lambda item: item == value)


def remove_value_brute_force(head: ListNode | None, value: int) -> ListNode | None:
    """Copy to a Python list, filter, build new nodes: O(n) time and O(n) space."""
    return build_list([item for item in list_values(head) if item != value])


if __name__ == "__main__":
    # --8<-- [start:demo]
    head = build_list([7, 7, 1, 7, 2, 7])
    print(list_values(remove_value(head, 7)))
    #> [1, 2]
    print(list_values(remove_where(build_list([3, -1, 4, -5]), lambda v: v < 0)))
    #> [3, 4]
    # --8<-- [end:demo]
