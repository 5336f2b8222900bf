"""Practice: find the node where two singly linked lists merge, if they do.

Shared nodes cannot be written as two plain JSON lists, so the case file
describes the pair as `(a_only, b_only, shared)`: the values only list A
holds, the values only list B holds, and the tail both share.
`intersection_of` builds that pair and returns the first shared node, which
the case file's codec writes as the values from there on (`[]` for none).
"""

from __future__ import annotations

from examples.coding.nodes import ListNode, build_list


# --8<-- [start:optimal]
def get_intersection_node(
    first: ListNode | None, second: ListNode | None
) -> ListNode | None:
    """Two walkers that switch lists at the end meet at the junction, or at None.

    Each walks len(A) + len(B) nodes at most, so O(m + n) time, O(1) space.
    """
    a, b = first, second
    while a is not b:
        a = a.next if a is not None else second
        b = b.next if b is not None else first
    return a


# --8<-- [end:optimal]


def get_intersection_node_brute_force(
    first: ListNode | None, second: ListNode | None
) -> ListNode | None:
    """Remember every node of A by identity, then walk B. O(m + n) time and O(m) space."""
    seen: set[int] = set()
    node = first
    while node is not None:
        seen.add(id(node))
        node = node.next
    node = second
    while node is not None and id(node) not in seen:
        node = node.next
    return node


def build_pair(
    a_only: list[int], b_only: list[int], shared: list[int]
) -> tuple[ListNode | None, ListNode | None, ListNode | None]:
    """Two lists that end in the same nodes; also returns the first shared node."""
    tail = build_list(shared)

    def prefixed(values: list[int]) -> ListNode | None:
        head = tail
        for value in reversed(values):
            head = ListNode(value, head)
        return head

    return prefixed(a_only), prefixed(b_only), tail


def intersection_of(
    a_only: list[int], b_only: list[int], shared: list[int]
) -> ListNode | None:
    """The case-file form: build the pair, then find where it joins."""
    first, second, _ = build_pair(a_only, b_only, shared)
    return get_intersection_node(first, second)


if __name__ == "__main__":
    first, second, junction = build_pair([4, 1], [5, 6, 1], [8, 4, 5])
    print(get_intersection_node(first, second) is junction)
    #> True
