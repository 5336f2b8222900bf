"""Both reversals against a reversed copy, and the recursion limit of the recursive one."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.reverse_list import reverse_list, reverse_list_brute_force, reverse_list_recursive
from examples.coding.nodes import build_list, list_values

values = st.lists(st.integers(-50, 50), max_size=60)


@given(values)
@settings(max_examples=200, deadline=None)
def test_both_reversals_match_the_brute_force(items: list[int]) -> None:
    expected = list_values(reverse_list_brute_force(build_list(items)))
    assert list_values(reverse_list(build_list(items))) == expected
    assert list_values(reverse_list_recursive(build_list(items))) == expected


def test_the_nodes_are_reused_and_the_old_head_is_the_new_tail() -> None:
    head = build_list([1, 2, 3])
    new_head = reverse_list(head)
    assert head is not None and head.next is None
    assert new_head is not None and new_head.val == 3


def test_the_recursive_version_hits_the_recursion_limit_and_leaves_the_list_alone() -> None:
    items = list(range(sys.getrecursionlimit() + 10))
    head = build_list(items)
    with pytest.raises(RecursionError):
        reverse_list_recursive(head)
    assert list_values(head) == items  # it failed on the way down, before relinking anything
