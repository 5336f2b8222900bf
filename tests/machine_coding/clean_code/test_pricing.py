"""The pricing rules as plain function calls: no HTTP, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.machine_coding.clean_code.pricing import (
    COUPONS,
    FREE_SHIPPING_FROM_CENTS,
    SHIPPING_CENTS,
    Discount,
    FixedAmountOff,
    InvalidOrderError,
    LineItem,
    NoDiscount,
    PercentOff,
    Quote,
    quote,
    shipping_for,
)

items = st.lists(
    st.builds(LineItem, st.text(min_size=1, max_size=40), st.integers(1, 1_000_000), st.integers(1, 100)),
    min_size=1,
    max_size=50,
)
discounts = st.sampled_from([NoDiscount(), *COUPONS.values()]) | st.builds(PercentOff, st.integers(0, 100))


@given(items, discounts)
def test_every_quote_keeps_its_invariants(lines: list[LineItem], discount: Discount) -> None:
    q = quote(lines, discount)
    assert q.subtotal_cents == sum(line.unit_price_cents * line.quantity for line in lines)
    assert 0 <= q.discount_cents <= q.subtotal_cents
    assert q.shipping_cents == (
        0 if q.subtotal_cents - q.discount_cents >= FREE_SHIPPING_FROM_CENTS else SHIPPING_CENTS
    )
    assert q.total_cents == q.subtotal_cents - q.discount_cents + q.shipping_cents
    assert q.total_cents > 0


def test_the_rules_at_their_edges() -> None:
    assert PercentOff(10).cents_off(999) == 99  # rounds down, never overcharges
    assert FixedAmountOff(500).cents_off(300) == 300
    assert shipping_for(FREE_SHIPPING_FROM_CENTS - 1) == SHIPPING_CENTS
    assert shipping_for(FREE_SHIPPING_FROM_CENTS) == 0
    assert quote([LineItem("a", 5500, 1)], PercentOff(10)).shipping_cents == SHIPPING_CENTS  # 4,950 after


@pytest.mark.parametrize(
    ("sku", "price", "quantity", "message"),
    [
        ("", 100, 1, "sku"),
        ("x" * 41, 100, 1, "sku"),
        ("a", 0, 1, "unit price"),
        ("a", 1_000_001, 1, "unit price"),
        ("a", 100, 0, "quantity"),
        ("a", 100, 101, "quantity"),
    ],
)
def test_a_line_that_breaks_a_rule_is_refused(sku: str, price: int, quantity: int, message: str) -> None:
    with pytest.raises(InvalidOrderError, match=message):
        LineItem(sku, price, quantity)


def test_an_order_needs_1_to_50_lines() -> None:
    with pytest.raises(InvalidOrderError, match="1 to 50 lines"):
        quote([], NoDiscount())
    with pytest.raises(InvalidOrderError, match="1 to 50 lines"):
        quote([LineItem("a", 1, 1)] * 51, NoDiscount())


def test_a_quote_refuses_money_off_outside_the_order() -> None:
    with pytest.raises(ValueError, match=r"outside 0\.\.300"):
        Quote(subtotal_cents=300, discount_cents=301, shipping_cents=499)
    with pytest.raises(ValueError, match=r"outside 0\.\.300"):
        Quote(subtotal_cents=300, discount_cents=-1, shipping_cents=499)


def test_a_discount_that_could_break_the_contract_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="percent"):
        PercentOff(101)
    with pytest.raises(ValueError, match="percent"):
        PercentOff(-1)
    with pytest.raises(ValueError, match="negative"):
        FixedAmountOff(-5)
