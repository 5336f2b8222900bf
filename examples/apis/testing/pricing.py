"""An order's total in cents: pure arithmetic, the part a unit test covers best.

The rule: price times quantity, minus a whole-percent discount, rounded half
up to the cent (a half cent goes to the shop). Integers only: a float cannot
hold 0.1 exactly, and Python's round() sends halves to the even neighbor.
"""

from __future__ import annotations

MAX_DISCOUNT_PERCENT = 100


# --8<-- [start:total]
def total_cents(unit_cents: int, quantity: int, discount_percent: int) -> int:
    """unit_cents * quantity less discount_percent %, rounded half up."""
    if unit_cents < 0 or quantity < 1:
        raise ValueError("unit_cents must be >= 0 and quantity >= 1")
    if not 0 <= discount_percent <= MAX_DISCOUNT_PERCENT:
        raise ValueError("discount_percent must be between 0 and 100")
    hundredths = unit_cents * quantity * (100 - discount_percent)
    return (hundredths + 50) // 100  # +50 then floor: half up, exactly


# --8<-- [end:total]


if __name__ == "__main__":
    print(total_cents(1999, 3, 0), total_cents(999, 1, 10), total_cents(1, 1, 50))
    #> 5997 899 1
