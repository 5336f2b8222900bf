"""allocate() splits cents exactly and deterministically; format_cents displays them."""

from __future__ import annotations

from decimal import Decimal
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


@pytest.mark.parametrize(
    ("total", "weights"),
    [(10.5, [1, 1]), (True, [1]), ("100", [1]), (100, [0.1, 0.2, 0.7]), (100, [1, Decimal("2")]), (100, [True, 1])],
)
def test_allocate_refuses_floats_and_other_non_integers(total: object, weights: list) -> None:
    with pytest.raises(TypeError):
        allocate(total, weights)  # type: ignore[arg-type]


def test_rounding_each_share_alone_loses_or_invents_a_cent() -> None:
    # The page's two cases: 1,000 / 3 rounds to 333 each, 2,000 / 3 to 667 each.
    assert 3 * round(1_000 / 3) == 999
    assert 3 * round(2_000 / 3) == 2_001
    assert sum(allocate(1_000, [1, 1, 1])) == 1_000
    assert sum(allocate(2_000, [1, 1, 1])) == 2_000


def test_the_exact_percentage_shares_the_page_quotes() -> None:
    percents = [Decimal(50), Decimal("33.33"), Decimal("16.67")]
    exact = [Fraction(999) * Fraction(p) / 100 for p in percents]
    assert exact == [Fraction("499.5"), Fraction("332.9667"), Fraction("166.5333")]
    assert allocate(999, [Fraction(p) for p in percents]) == [499, 333, 167]  # .9667 and .5333 get the cents
