"""The pricing rules of tangled.py, named, split up and made to check themselves.

Nothing here knows about HTTP or SQL, so every rule is a plain function call
in a test. Money is integer cents throughout.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

# --8<-- [start:names]
MAX_LINES_PER_ORDER = 50
MAX_QUANTITY = 100
MAX_UNIT_PRICE_CENTS = 1_000_000
FREE_SHIPPING_FROM_CENTS = 5_000  # after discounts
SHIPPING_CENTS = 499


class InvalidOrderError(ValueError):
    """The order breaks a rule; the message says which."""


@dataclass(frozen=True)
class LineItem:
    sku: str
    unit_price_cents: int
    quantity: int

    def __post_init__(self) -> None:
        if not 1 <= len(self.sku) <= 40:
            raise InvalidOrderError("sku must be 1 to 40 characters")
        if not 1 <= self.unit_price_cents <= MAX_UNIT_PRICE_CENTS:
            raise InvalidOrderError("unit price must be 1 to 1,000,000 cents")
        if not 1 <= self.quantity <= MAX_QUANTITY:
            raise InvalidOrderError(f"quantity must be 1 to {MAX_QUANTITY}")

    @property
    def cents(self) -> int:
        return self.unit_price_cents * self.quantity


# --8<-- [end:names]


# --8<-- [start:discounts]
class Discount(ABC):
    """A rule for money off an order.

    The contract every subclass keeps, because callers rely on it:
    for any subtotal >= 0, 0 <= cents_off(subtotal) <= subtotal.
    """

    @abstractmethod
    def cents_off(self, subtotal_cents: int) -> int: ...


class NoDiscount(Discount):
    def cents_off(self, subtotal_cents: int) -> int:
        return 0


@dataclass(frozen=True)
class PercentOff(Discount):
    percent: int

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValueError("percent must be 0 to 100")

    def cents_off(self, subtotal_cents: int) -> int:
        return subtotal_cents * self.percent // 100  # rounds down: never overcharge


@dataclass(frozen=True)
class FixedAmountOff(Discount):
    cents: int

    def __post_init__(self) -> None:
        if self.cents < 0:
            raise ValueError("cents must not be negative")

    def cents_off(self, subtotal_cents: int) -> int:
        return min(self.cents, subtotal_cents)  # never more than the order


COUPONS: dict[str, Discount] = {
    "SAVE10": PercentOff(10),
    "FLAT500": FixedAmountOff(500),
}
# --8<-- [end:discounts]


# --8<-- [start:quote]
@dataclass(frozen=True)
class Quote:
    subtotal_cents: int
    discount_cents: int
    shipping_cents: int

    def __post_init__(self) -> None:
        # The invariant a customer sees: money off is never negative and never
        # more than they bought. A Discount that breaks its contract stops here.
        if not 0 <= self.discount_cents <= self.subtotal_cents:
            raise ValueError(
                f"discount {self.discount_cents} is outside 0..{self.subtotal_cents}"
            )

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents - self.discount_cents + self.shipping_cents


def shipping_for(discounted_cents: int) -> int:
    return 0 if discounted_cents >= FREE_SHIPPING_FROM_CENTS else SHIPPING_CENTS


def quote(items: list[LineItem], discount: Discount) -> Quote:
    if not 1 <= len(items) <= MAX_LINES_PER_ORDER:
        raise InvalidOrderError(f"an order has 1 to {MAX_LINES_PER_ORDER} lines")
    subtotal = sum(item.cents for item in items)
    off = discount.cents_off(subtotal)
    return Quote(subtotal, off, shipping_for(subtotal - off))


# --8<-- [end:quote]

if __name__ == "__main__":
    # --8<-- [start:demo]
    books = [LineItem("book", unit_price_cents=1500, quantity=2)]
    print(quote(books, COUPONS["SAVE10"]))
    #> Quote(subtotal_cents=3000, discount_cents=300, shipping_cents=499)
    print(quote(books, COUPONS["SAVE10"]).total_cents)
    #> 3199
    try:
        LineItem("book", unit_price_cents=1500, quantity=0)
    except InvalidOrderError as error:
        print(error)
        #> quantity must be 1 to 100
    # --8<-- [end:demo]
