"""TwoStackQueue against collections.deque and the list queue, over random operation sequences."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.queue_two_stacks import ListQueue, TwoStackQueue

operations = st.lists(
    st.one_of(
        st.tuples(st.just("push"), st.integers(-5, 5)),
        st.tuples(st.sampled_from(["pop", "peek", "is_empty"])),
    ),
    max_size=80,
)


def apply(queue: TwoStackQueue | ListQueue, operation: tuple) -> object:
    name, *args = operation
    try:
        return getattr(queue, name)(*args)
    except IndexError:
        return "empty"


def apply_to_deque(model: deque[int], operation: tuple) -> object:
    name, *args = operation
    if name == "push":
        model.append(args[0])
        return None
    if name == "is_empty":
        return not model
    if not model:
        return "empty"
    return model.popleft() if name == "pop" else model[0]


@given(operations)
@settings(max_examples=200, deadline=None)
def test_matches_deque_and_list_queue(steps: list[tuple]) -> None:
    queue, brute, model = TwoStackQueue(), ListQueue(), deque()
    for step in steps:
        expected = apply_to_deque(model, step)
        assert apply(queue, step) == expected
        assert apply(brute, step) == expected
        assert len(queue) == len(model)


def list_operations(call: Callable[[], object]) -> int:
    """How many list appends and pops `call` makes, seen through the profiler, not the internals."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "c_call" and getattr(arg, "__name__", "") in {"append", "pop"}:
            count += isinstance(getattr(arg, "__self__", None), list)

    sys.setprofile(profile)
    try:
        call()
    except IndexError:
        pass
    finally:
        sys.setprofile(None)
    return count


@given(operations)
@settings(max_examples=200, deadline=None)
def test_any_sequence_of_operations_costs_linear_time(steps: list[tuple]) -> None:
    """The amortized bound: each item is appended, moved once (a pop and an append), and popped.

    So k operations make at most 3k list operations, however pushes and pops interleave;
    pouring into a non-empty outbox, or pouring back, would break the bound.
    """
    queue = TwoStackQueue()
    total = sum(list_operations(lambda step=step: getattr(queue, step[0])(*step[1:])) for step in steps)
    assert total <= 3 * len(steps)
