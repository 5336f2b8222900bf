"""Detect a cycle in a linked list and find the node where it starts (Floyd).

A cycle cannot be written as a plain JSON list, so the case file describes one
as `(values, pos)`: the list of values, and the index of the node the tail
links back to (-1 for no cycle). `cycle_start_index` builds that list and
answers with the index of the node where the cycle starts, or -1.
"""

from __future__ import annotations

from itertools import pairwise

from examples.coding.nodes import ListNode


def build_cycle(values: list[int], pos: int) -> ListNode | None:
    """Build the list; if pos >= 0, link the tail back to the node at index pos."""
    if not -1 <= pos < len(values):
        raise ValueError(
            f"pos must be -1 or an index into {len(values)} values, not {pos}"
        )
    nodes = [ListNode(value) for value in values]
    for node, following in pairwise(nodes):
        node.next = following
    if pos >= 0:
        nodes[-1].next = nodes[pos]
    return nodes[0] if nodes else None


# --8<-- [start:optimal]
def find_cycle_start(head: ListNode | None) -> ListNode | None:
    """The first node of the cycle, or None if the list ends. O(n) time, O(1) space."""
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow, fast = slow.next, fast.next.next
        if slow is fast:  # inside the cycle; now find where it begins
            finder = head
            while finder is not slow:  # both are mu steps from the start
                finder, slow = finder.next, slow.next
            return finder
    return None  # fast fell off the end: no cycle


# --8<-- [end:optimal]


# --8<-- [start:brute]
def find_cycle_start_brute_force(head: ListNode | None) -> ListNode | None:
    """Remember every node by identity; the first one seen twice starts the cycle.

    O(n) time and O(n) extra space.
    """
    seen: set[int] = set()
    node = head
    while node is not None:
        if id(node) in seen:
            return node
        seen.add(id(node))
        node = node.next
    return None


# --8<-- [end:brute]


def index_of(head: ListNode | None, target: ListNode | None) -> int:
    """The position of `target` counted from `head`, or -1 for None."""
    index, node = 0, head
    while target is not None and node is not None:
        if node is target:
            return index
        index, node = index + 1, node.next
    return -1


def cycle_start_index(values: list[int], pos: int) -> int:
    """The case-file form: build the cycle, run Floyd, answer with an index."""
    head = build_cycle(values, pos)
    return index_of(head, find_cycle_start(head))


if __name__ == "__main__":
    # --8<-- [start:demo]
    head = build_cycle([3, 1, 4, 1, 5, 9], pos=2)  # 9 links back to the 4
    start = find_cycle_start(head)
    print(start.val if start else None, index_of(head, start))
    #> 4 2
    print(cycle_start_index([1, 2, 3], pos=-1))
    #> -1
    # --8<-- [end:demo]
