"""Unit tests of the pricing rule, run against two versions of it.

The first version used floats and round(). Three hand-picked examples pass
for both; a property test compares each version with an exact model over
hundreds of generated orders and shrinks a failure to a small one. An API
test could find the same bug, but nobody sends hundreds of requests per rule.
unit_layer_demo.py runs this file in a child pytest and prints the outcomes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from examples.apis.testing.pricing import total_cents

Pricing = Callable[[int, int, int], int]


def total_cents_float(unit_cents: int, quantity: int, discount_percent: int) -> int:
    """The first version: float arithmetic, and round(), which sends halves to even."""
    return round(unit_cents * quantity * (1 - discount_percent / 100))


both_versions = pytest.mark.parametrize("total", [total_cents_float, total_cents])


# --8<-- [start:tests]
def exact_total(unit_cents: int, quantity: int, discount_percent: int) -> int:
    """The model: exact fractions, half rounded up. Slow, obviously right."""
    value = Fraction(unit_cents * quantity * (100 - discount_percent), 100)
    return math.floor(value + Fraction(1, 2))


@both_versions
def test_three_orders(total: Pricing) -> None:
    assert total(1999, 3, 0) == 5997
    assert total(1000, 2, 25) == 1500
    assert total(999, 1, 10) == 899


@both_versions
@seed(1)  # the same generated orders on every run
@settings(max_examples=500, database=None, deadline=None)
@given(
    unit_cents=st.integers(0, 1_000_000),
    quantity=st.integers(1, 1_000),
    discount=st.integers(0, 100),
)
def test_matches_model(
    total: Pricing, unit_cents: int, quantity: int, discount: int
) -> None:
    got = total(unit_cents, quantity, discount)
    want = exact_total(unit_cents, quantity, discount)
    assert (
        got == want
    ), f"total({unit_cents}, {quantity}, {discount}) = {got}, want {want}"


# --8<-- [end:tests]
