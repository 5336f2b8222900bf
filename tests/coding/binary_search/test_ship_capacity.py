import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.binary_search.ship_capacity import (
    days_needed,
    ship_within_days,
    ship_within_days_brute_force,
)
from examples.coding.binary_search.wrong_bounds import ship_within_days_from_one


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 30), max_size=15), st.integers(1, 16))
def test_matches_brute_force(weights: list[int], days: int) -> None:
    answer = ship_within_days(weights, days)
    assert answer == ship_within_days_brute_force(weights, days)
    if weights:
        assert days_needed(weights, answer) <= days
        assert answer == max(weights) or days_needed(weights, answer - 1) > days


def test_wrong_lower_bound_returns_a_capacity_that_cannot_carry_a_package() -> None:
    assert ship_within_days_from_one([3, 9, 2], 3) == 3
    assert ship_within_days([3, 9, 2], 3) == 9


@pytest.mark.parametrize(("weights", "days"), [([1, 2], 0), ([1, 0], 2), ([1, -2], 2)])
def test_bad_input_is_refused(weights: list[int], days: int) -> None:
    with pytest.raises(ValueError):
        ship_within_days(weights, days)
    with pytest.raises(ValueError):
        ship_within_days_brute_force(weights, days)
