"""The JSON encodings of lists and trees that case files use round-trip exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.nodes import ListNode, build_list, build_tree, list_values, tree_values

values = st.lists(st.integers(-1000, 1000), max_size=60)


@given(values)
@settings(max_examples=200, deadline=None)
def test_a_list_round_trips(items: list[int]) -> None:
    assert list_values(build_list(items)) == items


@st.composite
def level_orders(draw: st.DrawFn) -> list[int | None]:
    """A canonical level order: a random tree grown node by node, encoded by tree_values."""
    root = build_tree([draw(st.integers(-50, 50))]) if draw(st.booleans()) else None
    nodes = [root] if root else []
    for _ in range(draw(st.integers(0, 40)) if root else 0):
        parent = draw(st.sampled_from(nodes))
        side = draw(st.sampled_from(["left", "right"]))
        if getattr(parent, side) is None:
            child = build_tree([draw(st.integers(-50, 50))])
            setattr(parent, side, child)
            nodes.append(child)
    return tree_values(root)


@given(level_orders())
@settings(max_examples=300, deadline=None)
def test_a_tree_round_trips_through_level_order(encoded: list[int | None]) -> None:
    assert tree_values(build_tree(encoded)) == encoded


def test_the_encoding_of_a_small_tree() -> None:
    root = build_tree([1, None, 2, 3])
    assert root is not None and root.left is None
    assert root.right is not None and root.right.val == 2
    assert root.right.left is not None and root.right.left.val == 3
    assert tree_values(build_tree([])) == []
    assert tree_values(build_tree([None])) == []


def test_values_below_no_node_are_refused() -> None:
    with pytest.raises(ValueError, match="below no node"):
        build_tree([1, None, None, 2])


def test_a_cycle_is_reported_not_followed_forever() -> None:
    head = build_list([1, 2, 3])
    assert head is not None and head.next is not None and head.next.next is not None
    head.next.next.next = head
    with pytest.raises(ValueError, match="is there a cycle"):
        list_values(head)


def test_nodes_compare_by_identity() -> None:
    assert ListNode(1) != ListNode(1)
