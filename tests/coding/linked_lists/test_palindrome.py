"""The O(1)-space palindrome check against a reversed copy, and it restores its input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.palindrome import is_palindrome, is_palindrome_brute_force
from examples.coding.nodes import ListNode, build_list, list_values

halves = st.lists(st.integers(-3, 3), max_size=20)


@st.composite
def mostly_palindromes(draw: st.DrawFn) -> list[int]:
    """Half of them are palindromes by construction; random lists rarely are."""
    half = draw(halves)
    middle = draw(st.lists(st.integers(-3, 3), max_size=1))
    if draw(st.booleans()):
        return half + middle + half[::-1]
    return draw(st.lists(st.integers(-3, 3), max_size=40))


def nodes_of(head: ListNode | None) -> list[ListNode]:
    nodes = []
    while head is not None:
        nodes.append(head)
        head = head.next
    return nodes


@given(mostly_palindromes())
@settings(max_examples=300, deadline=None)
def test_matches_the_brute_force_and_restores_the_same_nodes(items: list[int]) -> None:
    head = build_list(items)
    before = nodes_of(head)
    assert is_palindrome(head) == is_palindrome_brute_force(head)
    after = nodes_of(head)
    assert len(after) == len(before) and all(a is b for a, b in zip(after, before, strict=True))
    assert list_values(head) == items
