"""The sentinel list keeps both directions consistent through every operation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.lru_cache.linked_list import DoublyLinkedList, Node


def keys_back_to_front(lst: DoublyLinkedList) -> list[object]:
    return [node.key for node in lst]


def keys_front_to_back(lst: DoublyLinkedList) -> list[object]:
    return [node.key for node in reversed(lst)]


def test_empty_list_has_only_linked_sentinels() -> None:
    lst = DoublyLinkedList()
    assert len(lst) == 0
    assert lst.head.next is lst.tail
    assert lst.tail.prev is lst.head
    assert keys_back_to_front(lst) == []


def test_push_front_puts_newest_first_and_pop_back_returns_oldest() -> None:
    lst = DoublyLinkedList()
    for key in "abc":
        lst.push_front(Node(key, None))
    assert keys_front_to_back(lst) == ["c", "b", "a"]
    assert lst.pop_back().key == "a"
    assert keys_back_to_front(lst) == ["b", "c"]
    assert len(lst) == 2


def test_move_to_front_of_the_only_node_and_of_the_last_node() -> None:
    lst = DoublyLinkedList()
    only = Node("x", 1)
    lst.push_front(only)
    lst.move_to_front(only)
    assert keys_front_to_back(lst) == ["x"]
    lst.push_front(Node("y", 2))
    lst.move_to_front(only)  # "x" was at the back
    assert keys_front_to_back(lst) == ["x", "y"]


def test_removed_node_is_detached_and_cannot_be_removed_twice() -> None:
    lst = DoublyLinkedList()
    node = Node("a", 1)
    lst.push_front(node)
    lst.remove(node)
    assert node.prev is None
    assert node.next is None
    with pytest.raises(ValueError, match="not linked"):
        lst.remove(node)
    assert len(lst) == 0
    assert lst.head.next is lst.tail


def test_pop_back_on_empty_list_is_an_index_error_and_keeps_sentinels() -> None:
    lst = DoublyLinkedList()
    with pytest.raises(IndexError):
        lst.pop_back()
    assert lst.head.next is lst.tail
    assert lst.tail.prev is lst.head


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["push", "move", "remove", "pop"]), st.integers(0, 9)), max_size=60))
def test_both_directions_agree_with_a_python_list(ops: list[tuple[str, int]]) -> None:
    lst = DoublyLinkedList()
    model: list[int] = []  # front first
    nodes: dict[int, Node] = {}
    counter = 0
    for op, pick in ops:
        if op == "push":
            node = Node(counter, None)
            nodes[counter] = node
            lst.push_front(node)
            model.insert(0, counter)
            counter += 1
        elif op == "pop" and model:
            assert lst.pop_back().key == model.pop()
        elif op in {"move", "remove"} and model:
            key = model[pick % len(model)]
            model.remove(key)
            if op == "move":
                lst.move_to_front(nodes[key])
                model.insert(0, key)
            else:
                lst.remove(nodes[key])
        assert keys_front_to_back(lst) == model
        assert keys_back_to_front(lst) == model[::-1]
        assert len(lst) == len(model)
