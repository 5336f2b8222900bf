"""The stack evaluator agrees with folding the first operator, on good and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.reverse_polish import divide_toward_zero, evaluate_rpn, evaluate_rpn_brute_force

numbers = st.integers(-20, 20).map(str)
operators = st.sampled_from(["+", "-", "*", "/"])


@st.composite
def well_formed(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """A postfix expression built from a random expression tree."""
    if depth >= 4 or draw(st.booleans()):
        return [draw(numbers)]
    return [*draw(well_formed(depth + 1)), *draw(well_formed(depth + 1)), draw(operators)]


def outcome(function, tokens: list[str]) -> int | str:
    try:
        return function(tokens)
    except ValueError:
        return "invalid"


# Random token soup is mostly malformed; built trees are well formed except for a division by zero.
@given(st.one_of(st.lists(st.one_of(numbers, operators), max_size=12), well_formed()))
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(tokens: list[str]) -> None:
    assert outcome(evaluate_rpn, tokens) == outcome(evaluate_rpn_brute_force, tokens)


@given(st.integers(-(10**30), 10**30), st.integers(-(10**30), 10**30).filter(bool))
@settings(max_examples=200, deadline=None)
def test_division_truncates_toward_zero(dividend: int, divisor: int) -> None:
    quotient = divide_toward_zero(dividend, divisor)
    remainder = dividend - quotient * divisor
    assert abs(remainder) < abs(divisor)
    assert remainder == 0 or (remainder < 0) == (dividend < 0)  # the remainder takes the dividend's sign


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ([], "empty expression"),
        (["1", "x"], "not a number or an operator"),
        (["1.5"], "not a number or an operator"),
        (["-"], "needs two operands"),
        (["1", "2", "3", "+"], "left over"),
        (["4", "0", "/"], "division by zero"),
    ],
)
def test_malformed_input_says_what_is_wrong(tokens: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate_rpn(tokens)
