"""Remove the n-th node from the end of a linked list in one pass."""

from __future__ import annotations

from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:optimal]
def remove_nth_from_end(head: ListNode | None, n: int) -> ListNode | None:
    """Unlink the n-th node from the end (n = 1 is the tail). O(L) time, O(1) space.

    Raises ValueError unless 1 <= n <= the list's length.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    dummy = ListNode(0, head)
    lead = dummy
    for _ in range(n):  # open a gap of n nodes between trail and lead
        if lead.next is None:
            raise ValueError(f"n = {n} is more than the list's length")
        lead = lead.next
    trail = dummy
    # Invariant: lead is n nodes ahead of trail.
    while lead.next is not None:
        lead, trail = lead.next, trail.next
    # lead is the tail, so trail is n + 1 from the end: just before the victim.
    trail.next = trail.next.next
    return dummy.next  # not `head`: the victim may have been the head


# --8<-- [end:optimal]


# --8<-- [start:brute]
def remove_nth_from_end_brute_force(head: ListNode | None, n: int) -> ListNode | None:
    """Copy to a Python list, delete by negative index, rebuild. O(L) time and space."""
    values = list_values(head)
    if not 1 <= n <= len(values):
        raise ValueError(f"n must be between 1 and {len(values)}, not {n}")
    del values[-n]
    return build_list(values)


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(list_values(remove_nth_from_end(build_list([10, 20, 30, 40, 50]), 2)))
    #> [10, 20, 30, 50]
    print(list_values(remove_nth_from_end(build_list([10, 20]), 2)))  # the head goes
    #> [20]
    # --8<-- [end:demo]
