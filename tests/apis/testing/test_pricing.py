"""total_cents against an exact model, its refusals, and the first draft's real bug."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.apis.testing.pricing import total_cents
from examples.apis.testing.pricing_tests import exact_total, total_cents_float


@given(
    unit_cents=st.integers(0, 10**9),
    quantity=st.integers(1, 10**6),
    discount=st.integers(0, 100),
)
def test_total_matches_the_exact_model(unit_cents: int, quantity: int, discount: int) -> None:
    assert total_cents(unit_cents, quantity, discount) == exact_total(unit_cents, quantity, discount)


@pytest.mark.parametrize(
    ("args", "total"),
    [((1, 1, 50), 1), ((3, 1, 50), 2), ((1, 1, 49), 1), ((1, 1, 51), 0), ((5, 7, 100), 0), ((0, 9, 0), 0)],
)
def test_halves_round_up_and_the_edges_hold(args: tuple[int, int, int], total: int) -> None:
    assert total_cents(*args) == total


@pytest.mark.parametrize("args", [(-1, 1, 0), (1, 0, 0), (1, -2, 0), (1, 1, -1), (1, 1, 101)])
def test_bad_input_is_refused(args: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="must be"):
        total_cents(*args)


def test_the_first_draft_really_is_wrong_where_the_page_says() -> None:
    # round() sends a half to the even neighbor, and 0.97 is not exact in binary.
    assert round(0.5) == 0
    assert total_cents_float(1, 1, 50) == 0 and exact_total(1, 1, 50) == 1
    assert total_cents_float(1, 50, 3) == 48 and exact_total(1, 50, 3) == 49


def test_the_first_draft_passes_the_three_hand_picked_orders() -> None:
    assert [total_cents_float(*a) for a in [(1999, 3, 0), (1000, 2, 25), (999, 1, 10)]] == [5997, 1500, 899]
