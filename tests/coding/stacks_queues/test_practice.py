"""The three practice solutions agree with their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.asteroid_collision import asteroid_collision, asteroid_collision_brute_force
from examples.coding.stacks_queues.decode_string import decode_string, decode_string_brute_force
from examples.coding.stacks_queues.next_greater_circular import (
    next_greater_circular,
    next_greater_circular_brute_force,
)


@given(st.lists(st.integers(-5, 5), max_size=40))
@settings(max_examples=200, deadline=None)
def test_circular_matches_brute_force(values: list[int]) -> None:
    assert next_greater_circular(values) == next_greater_circular_brute_force(values)


@given(st.lists(st.integers(-6, 6).filter(bool), max_size=40))
@settings(max_examples=200, deadline=None)
def test_asteroids_match_brute_force(asteroids: list[int]) -> None:
    assert asteroid_collision(asteroids) == asteroid_collision_brute_force(asteroids)


@st.composite
def encoded(draw: st.DrawFn, depth: int = 0) -> str:
    """A well-formed encoding with small counts, so the output stays short."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            parts.append(f"{draw(st.integers(0, 3))}[{draw(encoded(depth + 1))}]")
        else:
            parts.append(draw(st.text(alphabet="ab", max_size=2)))
    return "".join(parts)


def outcome(function, text: str) -> str:
    try:
        return function(text)
    except ValueError:
        return "<invalid>"


# Token soup over the grammar's characters is mostly malformed; `encoded` is always well formed.
@given(st.one_of(encoded(), st.text(alphabet="ab12[]", max_size=12)))
@settings(max_examples=200, deadline=None)
def test_decode_matches_brute_force(text: str) -> None:
    assert outcome(decode_string, text) == outcome(decode_string_brute_force, text)


@pytest.mark.parametrize("function", [decode_string, decode_string_brute_force])
@pytest.mark.parametrize("text", ["2[a", "[a]", "3a", "a]", "2[a]3", "2[A-]"])
def test_malformed_encodings_are_refused(function, text: str) -> None:
    with pytest.raises(ValueError):
        function(text)


@pytest.mark.parametrize("function", [asteroid_collision, asteroid_collision_brute_force])
def test_a_zero_asteroid_is_refused(function) -> None:
    with pytest.raises(ValueError, match="nonzero"):
        function([3, 0, -1])
