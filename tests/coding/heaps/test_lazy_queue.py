"""The lazy-deletion queue behaves like a dict of priorities, popped by (priority, order set)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.lazy_queue import LazyPriorityQueue

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("push"), st.integers(0, 6), st.integers(-5, 5)),
        st.tuples(st.just("remove"), st.integers(0, 6)),
        st.tuples(st.just("pop")),
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(OPERATIONS)
def test_matches_a_dict_model(operations: list[tuple]) -> None:
    queue: LazyPriorityQueue[int] = LazyPriorityQueue()
    model: dict[int, tuple[int, int]] = {}  # item -> (priority, when set)
    for step, (name, *args) in enumerate(operations):
        if name == "push":
            item, priority = args
            queue.push(item, priority)
            model[item] = (priority, step)
        elif name == "remove":
            (item,) = args
            if item in model:
                queue.remove(item)
                del model[item]
            else:
                with pytest.raises(KeyError):
                    queue.remove(item)
        elif model:
            item = min(model, key=model.__getitem__)
            assert queue.pop() == (item, model.pop(item)[0])
        else:
            with pytest.raises(IndexError):
                queue.pop()
        assert len(queue) == len(model)
        assert queue.entries <= 2 * len(model) + 9  # stale entries stay bounded


def test_peek_does_not_remove() -> None:
    queue: LazyPriorityQueue[str] = LazyPriorityQueue()
    queue.push("a", 2)
    queue.push("b", 1)
    assert queue.peek() == ("b", 1)
    assert len(queue) == 2


def test_many_updates_do_not_grow_the_heap_without_bound() -> None:
    queue: LazyPriorityQueue[str] = LazyPriorityQueue()
    for priority in range(10_000):
        queue.push("only", priority)
    assert queue.entries <= 10
    assert queue.pop() == ("only", 9_999)
