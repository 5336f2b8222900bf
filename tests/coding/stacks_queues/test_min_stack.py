"""MinStack against a plain list that scans for the minimum, over random operation sequences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.min_stack import MinStack, MinStackBruteForce

operations = st.lists(
    st.one_of(
        st.tuples(st.just("push"), st.integers(-5, 5)),
        st.tuples(st.sampled_from(["pop", "top", "get_min"])),
    ),
    max_size=60,
)


def apply(stack: MinStack | MinStackBruteForce, operation: tuple) -> object:
    name, *args = operation
    try:
        return getattr(stack, name)(*args)
    except IndexError as error:
        return f"IndexError: {error}"


@given(operations)
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(steps: list[tuple]) -> None:
    fast, slow = MinStack(), MinStackBruteForce()
    for step in steps:
        assert apply(fast, step) == apply(slow, step)
        assert len(fast) == len(slow)
