"""Is a linked list a palindrome? In O(1) extra space, leaving the list as it was."""

from __future__ import annotations

from examples.coding.linked_lists.reorder_list import end_of_first_half
from examples.coding.linked_lists.reverse_list import reverse_list
from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:optimal]
def is_palindrome(head: ListNode | None) -> bool:
    """Reverse the second half, compare it with the first, then reverse it back.

    O(n) time, O(1) extra space. The list is restored before returning, so a
    caller (or another thread reading afterward) never sees it half-reversed.
    """
    if head is None:
        return True
    last_of_first = end_of_first_half(head)
    second_head = reverse_list(last_of_first.next)
    left, right = head, second_head
    matches = True
    while right is not None and left is not None:  # the second half is the shorter
        if left.val != right.val:
            matches = False
            break  # stop comparing, but still fall through to the restore
        left, right = left.next, right.next
    last_of_first.next = reverse_list(second_head)  # restore the input
    return matches


# --8<-- [end:optimal]


def is_palindrome_brute_force(head: ListNode | None) -> bool:
    """Copy the values and compare with their reverse. O(n) time, O(n) space."""
    values = list_values(head)
    return values == values[::-1]


if __name__ == "__main__":
    # --8<-- [start:demo]
    head = build_list([1, 2, 3, 2, 1])
    print(is_palindrome(head), list_values(head))  # the list comes back intact
    #> True [1, 2, 3, 2, 1]
    head = build_list([1, 2, 3, 1])
    print(is_palindrome(head), list_values(head))
    #> False [1, 2, 3, 1]
    # --8<-- [end:demo]
