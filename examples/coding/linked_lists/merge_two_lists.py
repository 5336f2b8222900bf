"""Merge two sorted linked lists into one sorted list, reusing their nodes."""

from __future__ import annotations

from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:optimal]
def merge_two_lists(first: ListNode | None, second: ListNode | None) -> ListNode | None:
    """Splice the nodes of two sorted lists together. O(m + n) time, O(1) space.

    Stable: on a tie the node from `first` goes first.
    """
    dummy = ListNode(0)
    tail = dummy
    # Invariant: dummy.next..tail is sorted and holds every node taken so far.
    while first is not None and second is not None:
        if second.val < first.val:
            tail.next, second = second, second.next
        else:
            tail.next, first = first, first.next
        tail = tail.next
    tail.next = (
        first if first is not None else second
    )  # one side is done: attach the rest
    return dummy.next


# --8<-- [end:optimal]


# --8<-- [start:brute]
def merge_two_lists_brute_force(
    first: ListNode | None, second: ListNode | None
) -> ListNode | None:
    """Pour both into a Python list and sort it. O(m + n) space for the copy.

    A general sort is O((m + n) log(m + n)); CPython's sort spots the two
    ascending runs and merges them, so here it does O(m + n) comparisons.
    """
    return build_list(sorted(list_values(first) + list_values(second)))


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    merged = merge_two_lists(build_list([1, 4, 4, 9]), build_list([-2, 4, 10]))
    print(list_values(merged))
    #> [-2, 1, 4, 4, 4, 9, 10]
    # --8<-- [end:demo]
