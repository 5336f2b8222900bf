"""allocate() splits cents exactly and deterministically; format_cents displays them."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.splitwise.money import allocate, format_cents


@pytest.mark.parametrize(
    ("total", "weights", "parts"),
    [
        (1_000, [1, 1, 1], [334, 333, 333]),
        (1_001, [1, 1, 1], [334, 334, 333]),
        (2, [1, 1, 1], [1, 1, 0]),
        (0, [1, 1], [0, 0]),
        (100, [1, 0, 1], [50, 0, 50]),
        (101, [0, 1, 1], [0, 51, 50]),
        (999, [50, Fraction(3333, 100), Fraction(1667, 100)], [499, 333, 167]),
        (10, [3, 1], [8, 2]),  # 7.5 and 2.5: tie on the remainder, the earlier one wins
    ],
)
def test_allocate_known_splits(total: int, weights: list, parts: list[int]) -> None:
    assert allocate(total, weights) == parts


@pytest.mark.parametrize(("total", "weights"), [(-1, [1]), (10, []), (10, [0, 0]), (10, [1, -1, 2])])
def test_allocate_refuses_bad_input(total: int, weights: list) -> None:
    with pytest.raises(ValueError):
        allocate(total, weights)


@settings(max_examples=150, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=10**9),
    weights=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12).filter(any),
)
def test_parts_sum_exactly_and_stay_within_a_cent_of_the_exact_share(total: int, weights: list[int]) -> None:
    parts = allocate(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, sum(weights))
        assert exact - 1 < part < exact + 1
        assert part >= 0
    assert allocate(total, weights) == parts  # deterministic


@pytest.mark.parametrize(
    ("cents", "text"), [(0, "0.00"), (5, "0.05"), (12_345, "123.45"), (-5, "-0.05"), (-1_000, "-10.00")]
)
def test_format_cents(cents: int, text: str) -> None:
    assert format_cents(cents) == text
