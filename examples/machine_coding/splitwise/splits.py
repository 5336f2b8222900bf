"""How an expense is divided: equally, by exact amounts, or by percentages.

Each split validates its own shape when built, and checks itself against the
expense total in `shares`. None of them ever uses a float.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from examples.machine_coding.splitwise.errors import InvalidSplitError
from examples.machine_coding.splitwise.money import allocate


def _check_users(users: Sequence[str]) -> tuple[str, ...]:
    if not users:
        raise InvalidSplitError("a split needs at least one participant")
    if len(set(users)) != len(users):
        raise InvalidSplitError(f"participants repeat: {list(users)}")
    return tuple(users)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --8<-- [start:protocol]
class Split(Protocol):
    """A rule that turns an expense total into one share per participant."""

    @property
    def participants(self) -> tuple[str, ...]:
        """Who owes a share, in a fixed order (it decides who gets leftover cents)."""
        ...

    def shares(self, total_cents: int) -> dict[str, int]:
        """Each participant's share in cents; the values sum exactly to the total."""
        ...


# --8<-- [end:protocol]


# --8<-- [start:equal]
class EqualSplit:
    """Everyone owes the same, give or take a cent; leftover cents go first to last."""

    def __init__(self, participants: Sequence[str]) -> None:
        self._participants = _check_users(participants)

    @property
    def participants(self) -> tuple[str, ...]:
        return self._participants

    def shares(self, total_cents: int) -> dict[str, int]:
        parts = allocate(total_cents, [1] * len(self._participants))
        return dict(zip(self._participants, parts, strict=True))


# --8<-- [end:equal]


# --8<-- [start:exact]
class ExactSplit:
    """Each participant owes a stated amount; the amounts must add up to the total."""

    def __init__(self, amounts: Mapping[str, int]) -> None:
        self._participants = _check_users(list(amounts))
        for user, cents in amounts.items():
            if not _is_int(cents) or cents < 0:
                raise InvalidSplitError(
                    f"{user}'s share must be whole cents >= 0, got {cents!r}"
                )
        self._amounts = dict(amounts)

    @property
    def participants(self) -> tuple[str, ...]:
        return self._participants

    def shares(self, total_cents: int) -> dict[str, int]:
        listed = sum(self._amounts.values())
        if listed != total_cents:
            raise InvalidSplitError(
                f"shares add up to {listed} cents, the expense is {total_cents}"
            )
        return dict(self._amounts)


# --8<-- [end:exact]


# --8<-- [start:percent]
class PercentSplit:
    """Each participant owes a percentage; the percentages must sum to exactly 100.

    Percentages are ints or Decimals ('33.34'), never floats: in binary
    floating point, 33.12 + 33.33 + 33.55 is 99.99999999999999.
    """

    def __init__(self, percents: Mapping[str, int | Decimal]) -> None:
        self._participants = _check_users(list(percents))
        for user, pct in percents.items():
            if not (_is_int(pct) or (isinstance(pct, Decimal) and pct.is_finite())):
                raise InvalidSplitError(
                    f"{user}'s percentage must be an int or Decimal, got {pct!r}"
                )
            if pct < 0:
                raise InvalidSplitError(f"{user}'s percentage is negative: {pct}")
        total = sum(Fraction(p) for p in percents.values())  # exact, unlike floats
        if total != 100:
            shown = sum((Decimal(p) for p in percents.values()), Decimal(0))
            raise InvalidSplitError(f"percentages sum to {shown}, not 100")
        self._weights = [Fraction(percents[u]) for u in self._participants]

    @property
    def participants(self) -> tuple[str, ...]:
        return self._participants

    def shares(self, total_cents: int) -> dict[str, int]:
        return dict(
            zip(self._participants, allocate(total_cents, self._weights), strict=True)
        )


# --8<-- [end:percent]
