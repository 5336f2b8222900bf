"""Practice: reverse the nodes of a list k at a time; a short last group stays as it is."""

from __future__ import annotations

from examples.coding.nodes import ListNode, build_list, list_values


# --8<-- [start:optimal]
def reverse_k_group(head: ListNode | None, k: int) -> ListNode | None:
    """Reverse each full group of k nodes in place. O(n) time, O(1) space."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    dummy = ListNode(0, head)
    before = dummy  # the node just before the group being reversed
    while True:
        after: ListNode | None = before  # find the group's last node, k steps on
        for _ in range(k):
            after = after.next
            if after is None:  # stop at the end: a huge k must not cost k steps
                break
        if after is None:  # fewer than k nodes left: leave them alone
            return dummy.next
        group_first, rest = before.next, after.next
        previous, current = rest, group_first  # reverse onto `rest`, not onto None
        while current is not rest:
            assert current is not None
            following = current.next
            current.next = previous
            previous, current = current, following
        before.next = after  # the old last node now leads the group
        assert group_first is not None
        before = group_first  # and the old first node ends it


# --8<-- [end:optimal]


def reverse_k_group_brute_force(head: ListNode | None, k: int) -> ListNode | None:
    """Reverse full chunks of a copied Python list, then build new nodes. O(n) space."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    values = list_values(head)
    full = len(values) - len(values) % k
    for start in range(0, full, k):
        values[start : start + k] = values[start : start + k][::-1]
    return build_list(values)


if __name__ == "__main__":
    print(list_values(reverse_k_group(build_list([1, 2, 3, 4, 5, 6, 7]), 3)))
    #> [3, 2, 1, 6, 5, 4, 7]
