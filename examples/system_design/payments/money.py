"""Amounts and currencies at the edge of the payment service.

An amount is an integer count of the currency's minor unit (cents for USD,
yen for JPY, thousandths of a dinar for KWD), never a float, and never
without its currency.
A card number never reaches this service: the client sends the processor's
token for the card, and anything that looks like a card number is refused
before it can be logged or stored.
"""

from __future__ import annotations

import re

# --8<-- [start:currencies]
# Minor-unit exponents from ISO 4217 for the currencies this service accepts:
# 1999 means 19.99 USD, 1999 JPY, or 1.999 KWD.
MINOR_UNIT_EXPONENT = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KWD": 3}
# The largest amount one payment may carry, per currency, in minor units
# (about 1 million in major units): a limit of the business, far below
# bigint's 2**63 - 1, so sums of many payments cannot overflow either.
MAX_MAJOR_UNITS = 1_000_000


def max_amount(currency: str) -> int:
    """The largest accepted amount in `currency`, in minor units."""
    return MAX_MAJOR_UNITS * 10 ** MINOR_UNIT_EXPONENT[check_currency(currency)]


def check_currency(currency: object) -> str:
    """`currency` if it is one this service accepts; ValueError otherwise."""
    if not isinstance(currency, str) or currency not in MINOR_UNIT_EXPONENT:
        accepted = ", ".join(sorted(MINOR_UNIT_EXPONENT))
        # Never repeat the value: a card number pasted into the wrong field
        # would come back in the error, and into logs.
        raise ValueError(f"currency must be one of {accepted}")
    return currency


def check_amount(amount: object, currency: str) -> int:
    """`amount` if it is a positive whole number of minor units within the limit."""
    # `type(...) is int`: a bool is an int to Python, and 19.99 is not a count.
    if type(amount) is not int:
        kind = type(amount).__name__  # the type, never the value
        raise ValueError(f"amount must be an integer count of minor units, not {kind}")
    if not 0 < amount <= max_amount(currency):
        raise ValueError(
            f"amount must be between 1 and {max_amount(currency)} {currency}"
            " minor units"
        )
    return amount


# --8<-- [end:currencies]


# --8<-- [start:card_numbers]
DIGIT_RUN = re.compile(r"(?:\d[ -]?){12,18}\d")  # 13 to 19 digits, maybe spaced


def luhn_valid(digits: str) -> bool:
    """True if the digit string passes the Luhn check that card numbers carry."""
    if not digits.isdigit():
        raise ValueError(f"luhn_valid needs digits only, got {digits!r}")
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:  # double every second digit from the right
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def contains_card_number(text: str) -> bool:
    """True if `text` holds a run of 13-19 digits that passes the Luhn check."""
    runs = (re.sub(r"[ -]", "", m.group()) for m in DIGIT_RUN.finditer(text))
    return any(luhn_valid(digits) for digits in runs)


# --8<-- [end:card_numbers]


def refusal(amount: object) -> str:
    """Why check_amount refuses `amount` in USD ("accepted" if it does not)."""
    try:
        check_amount(amount, "USD")
    except ValueError as error:
        return str(error)
    return "accepted"


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(max_amount("USD"), max_amount("JPY"), max_amount("KWD"))
    #> 100000000 1000000 1000000000
    for bad in (19.99, True, 0, 10**12):
        print(refusal(bad))
        #> amount must be an integer count of minor units, not float
        #> amount must be an integer count of minor units, not bool
        #> amount must be between 1 and 100000000 USD minor units
        #> amount must be between 1 and 100000000 USD minor units
    print(contains_card_number("tok_4242"), contains_card_number("4242 4242 4242 4242"))
    #> False True
    # --8<-- [end:demo]
