"""Money is an int of cents. Splitting it is where the lost cent hides."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --8<-- [start:allocate]
def allocate(total_cents: int, weights: Sequence[int | Fraction]) -> list[int]:
    """Split `total_cents` in proportion to `weights`; the parts sum exactly to the total.

    Everyone first gets the floor of their exact share. The cents left over go
    one each to the largest remainders; ties go to the earlier position, so the
    same input always gives the same split. Only integer arithmetic is used.
    """
    if not _is_int(total_cents):
        raise TypeError(f"total must be int cents, got {total_cents!r}")
    if not all(_is_int(w) or isinstance(w, Fraction) for w in weights):
        raise TypeError(f"weights must be ints or Fractions, got {list(weights)}")
    if total_cents < 0:
        raise ValueError(f"cannot split a negative total ({total_cents})")
    if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
        raise ValueError(
            f"weights must be >= 0 with a positive sum, got {list(weights)}"
        )
    # Scale fractional weights (33.33%) to integers with a common denominator.
    scale = math.lcm(*(Fraction(w).denominator for w in weights))
    ints = [int(w * scale) for w in weights]
    weight_sum = sum(ints)
    parts = [total_cents * w // weight_sum for w in ints]
    remainders = [total_cents * w % weight_sum for w in ints]
    leftover = total_cents - sum(parts)  # 0 <= leftover < len(weights)
    by_remainder = sorted(range(len(ints)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return parts


# --8<-- [end:allocate]


def format_cents(cents: int) -> str:
    """12345 -> '123.45', -5 -> '-0.05'. For display only."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"
