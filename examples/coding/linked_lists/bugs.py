"""Three linked-list bugs that run without crashing and give wrong answers.

Each function is deliberately wrong; the demo shows what it does.
"""

from __future__ import annotations

from examples.coding.linked_lists.reorder_list import end_of_first_half
from examples.coding.linked_lists.reverse_list import reverse_list
from examples.coding.nodes import ListNode, build_list, iterate_list, list_values


# --8<-- [start:lost_rest]
def reverse_list_loses_the_rest(head: ListNode | None) -> ListNode | None:
    """BUG: overwrites current.next before saving where it pointed."""
    previous, current = None, head
    while current is not None:
        current.next = previous  # the only link to the rest is gone
        previous, current = current, current.next  # current.next is now `previous`
    return previous


# --8<-- [end:lost_rest]


# --8<-- [start:old_head]
def remove_nth_from_end_returns_old_head(
    head: ListNode | None, n: int
) -> ListNode | None:
    """BUG: returns `head` instead of `dummy.next`, wrong when the head is removed."""
    dummy = ListNode(0, head)
    lead = trail = dummy
    for _ in range(n):
        assert lead.next is not None
        lead = lead.next
    while lead.next is not None:
        lead, trail = lead.next, trail.next
    trail.next = trail.next.next
    return head


# --8<-- [end:old_head]


# --8<-- [start:no_cut]
def reorder_list_without_the_cut(head: ListNode) -> None:
    """BUG: reverses the second half but never sets last_of_first.next = None."""
    last_of_first = end_of_first_half(head)
    second = reverse_list(last_of_first.next)
    first: ListNode | None = head
    while second is not None and first is not None:
        first_rest, second_rest = first.next, second.next
        first.next, second.next = second, first_rest
        first, second = first_rest, second_rest


# --8<-- [end:no_cut]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(list_values(reverse_list_loses_the_rest(build_list([1, 2, 3, 4]))))
    #> [1]
    print(list_values(remove_nth_from_end_returns_old_head(build_list([10, 20]), 2)))
    #> [10, 20]
    head = build_list([1, 2, 3, 4])
    reorder_list_without_the_cut(head)
    try:
        list(iterate_list(head, limit=20))
    except ValueError as error:
        print(error)
        #> the list has more than 20 nodes; is there a cycle?
    # --8<-- [end:demo]
