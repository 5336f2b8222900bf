"""Amount, currency and card-number checks at the edge of the service."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.payments.money import (
    MINOR_UNIT_EXPONENT,
    check_amount,
    check_currency,
    contains_card_number,
    luhn_valid,
    max_amount,
    refusal,
)


def with_check_digit(body: str) -> str:
    """`body` plus the digit that makes it pass the Luhn check (found by trying all ten)."""
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def test_limits_follow_each_currencys_minor_unit() -> None:
    assert max_amount("USD") == 100_000_000
    assert max_amount("JPY") == 1_000_000
    assert max_amount("KWD") == 1_000_000_000
    assert set(MINOR_UNIT_EXPONENT) == {"USD", "EUR", "GBP", "JPY", "KWD"}


@pytest.mark.parametrize("currency", ["usd", "US", "XYZ", "", None, 840])
def test_unknown_currencies_are_refused(currency: object) -> None:
    with pytest.raises(ValueError, match="currency must be one of EUR, GBP, JPY, KWD, USD"):
        check_currency(currency)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (19.99, "integer count of minor units, not float"),
        (1999.0, "integer count of minor units, not float"),
        (True, "integer count of minor units, not bool"),
        ("1999", "integer count of minor units, not str"),
        (0, "between 1 and 100000000 USD minor units"),
        (-1, "between 1 and"),
        (100_000_001, "between 1 and"),
    ],
)
def test_bad_amounts_are_refused_with_the_reason(amount: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_amount(amount, "USD")
    assert message in refusal(amount)


@given(st.integers(1, 100_000_000))
def test_every_whole_amount_in_range_is_accepted(amount: int) -> None:
    assert check_amount(amount, "USD") == amount


def test_the_limit_is_per_currency() -> None:
    assert check_amount(1_000_000, "JPY") == 1_000_000
    with pytest.raises(ValueError, match="JPY"):
        check_amount(1_000_001, "JPY")
    assert refusal(5) == "accepted"


@pytest.mark.parametrize(
    "number",
    ["4242424242424242", "4000 0566 5566 5556", "5555-5555-5555-4444", "378282246310005", "6011111111111117"],
)
def test_well_known_test_card_numbers_are_detected(number: str) -> None:
    assert contains_card_number(number)
    assert contains_card_number(f"card={number};")


@given(st.text(alphabet="0123456789", min_size=12, max_size=18))
def test_any_luhn_valid_run_of_13_to_19_digits_is_detected(body: str) -> None:
    assert contains_card_number(with_check_digit(body))


@pytest.mark.parametrize("text", ["tok_visa", "4242424242424241", "424242424242", "order 12345", "tok_4242424242"])
def test_tokens_and_short_or_invalid_numbers_are_not_flagged(text: str) -> None:
    assert not contains_card_number(text)


def test_luhn_needs_digits() -> None:
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")
    with pytest.raises(ValueError, match="digits only"):
        luhn_valid("4242-4242")


@pytest.mark.parametrize("value", ["4242424242424242", 4242424242424242, 4242424242424242.0])
def test_errors_never_repeat_the_rejected_value(value: object) -> None:
    """A card number sent in the wrong field must not come back in the error."""
    for check in (check_currency, lambda v: check_amount(v, "USD")):
        with pytest.raises(ValueError) as caught:
            check(value)
        assert "4242" not in str(caught.value)
