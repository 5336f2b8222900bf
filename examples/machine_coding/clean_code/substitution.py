"""A Discount subclass that type-checks, runs, and breaks its callers.

UncappedFixedOff is a FixedAmountOff whose author "simplified" cents_off. It
has the same signature, so mypy and every call site accept it. But it breaks
the contract Discount states (0 <= cents_off(s) <= s): on an order smaller
than the coupon, the money off exceeds the order. That is a Liskov
substitution failure: code written against Discount is wrong with it.
contract_violations() is the check every Discount must pass; the test suite
runs it over every subclass, and it catches this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from examples.machine_coding.clean_code.pricing import (
    Discount,
    FixedAmountOff,
    LineItem,
    quote,
)


# --8<-- [start:violation]
@dataclass(frozen=True)
class UncappedFixedOff(FixedAmountOff):
    def cents_off(self, subtotal_cents: int) -> int:
        return self.cents  # "the coupon says $5 off, so take $5 off"


def contract_violations(discount: Discount, subtotals: Iterable[int]) -> list[str]:
    """Every subtotal for which `discount` breaks 0 <= off <= subtotal."""
    broken = []
    for subtotal in subtotals:
        off = discount.cents_off(subtotal)
        if not 0 <= off <= subtotal:
            broken.append(f"{subtotal} -> {off} off")
    return broken


# --8<-- [end:violation]

if __name__ == "__main__":
    # --8<-- [start:demo]
    subtotals = [0, 300, 500, 3000]
    print(contract_violations(FixedAmountOff(500), subtotals))
    #> []
    print(contract_violations(UncappedFixedOff(500), subtotals))
    #> ['0 -> 500 off', '300 -> 500 off']
    try:
        quote([LineItem("pen", 300, 1)], UncappedFixedOff(500))
    except ValueError as error:
        print(error)
        #> discount 500 is outside 0..300
    # --8<-- [end:demo]
