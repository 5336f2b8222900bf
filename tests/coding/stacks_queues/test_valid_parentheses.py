"""The stack check agrees with repeated pair deletion, and refuses other characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.valid_parentheses import is_valid_parentheses, is_valid_parentheses_brute_force

brackets = st.text(alphabet="()[]{}", max_size=30)


@st.composite
def balanced(draw: st.DrawFn, depth: int = 0) -> str:
    """A balanced string built by the grammar, so True answers are common too."""
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        opener, closer = draw(st.sampled_from(["()", "[]", "{}"]))
        parts.append(opener + draw(balanced(depth + 1)) + closer)
    return "".join(parts)


@given(st.one_of(brackets, balanced()))
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(text: str) -> None:
    assert is_valid_parentheses(text) == is_valid_parentheses_brute_force(text)


@given(balanced())
@settings(max_examples=100, deadline=None)
def test_every_balanced_string_is_valid(text: str) -> None:
    assert is_valid_parentheses(text)


@pytest.mark.parametrize("function", [is_valid_parentheses, is_valid_parentheses_brute_force])
@pytest.mark.parametrize("text", ["(a)", " ", "(<)>"])
def test_other_characters_are_refused(function, text: str) -> None:
    with pytest.raises(ValueError, match="only brackets"):
        function(text)
