"""Pricing strategies: each turns (vehicle type, seconds parked) into a fee in cents.

Every strategy here is pure (no clock, no state), so it is thread-safe and the
same stay always costs the same. Each one is non-decreasing in duration:
staying longer never costs less.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from examples.machine_coding.parking_lot.models import VehicleType

HOUR = 3600
DAY = 24 * HOUR


def _check_duration(seconds: float) -> None:
    # NaN slips past `< 0`, and an infinite stay has no price.
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"duration must be finite and not negative, got {seconds}")


def _check_cents(name: str, value: object) -> None:
    # bool is an int subclass; True cents is a bug, not a price.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int number of cents, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


# --8<-- [start:protocol]
class PricingStrategy(Protocol):
    """Turns a stay into a fee. Implementations must be pure and non-decreasing."""

    def fee_cents(self, vehicle_type: VehicleType, seconds: float) -> int:
        """The fee for parking `seconds` (>= 0) with this vehicle type."""
        ...


# --8<-- [end:protocol]


# --8<-- [start:hourly]
@dataclass(frozen=True)
class HourlyPricing:
    """Every started hour is billed; the first hour has its own rate."""

    first_hour_cents: int
    per_hour_cents: int

    def __post_init__(self) -> None:
        _check_cents("first_hour_cents", self.first_hour_cents)
        _check_cents("per_hour_cents", self.per_hour_cents)

    def fee_cents(self, vehicle_type: VehicleType, seconds: float) -> int:
        _check_duration(seconds)
        started_hours = max(1, math.ceil(seconds / HOUR))  # arriving costs an hour
        return self.first_hour_cents + (started_hours - 1) * self.per_hour_cents


# --8<-- [end:hourly]


# --8<-- [start:daily_cap]
@dataclass(frozen=True)
class DailyCapPricing:
    """Wraps another strategy and caps what it charges for each day of a stay.

    Days count from entry. Day k costs what the inner strategy adds between
    hour 24k and hour 24(k + 1), or the cap if that is less. The days add up
    to at most the inner fee, so the cap can lower a price, never raise it.
    """

    inner: PricingStrategy
    daily_cap_cents: int

    def __post_init__(self) -> None:
        _check_cents("daily_cap_cents", self.daily_cap_cents)

    def fee_cents(self, vehicle_type: VehicleType, seconds: float) -> int:
        _check_duration(seconds)
        fee, billed_so_far, day_end = 0, 0, 0
        while True:  # one step per day of the stay
            day_end = min(day_end + DAY, seconds)
            inner_so_far = self.inner.fee_cents(vehicle_type, day_end)
            fee += min(self.daily_cap_cents, inner_so_far - billed_so_far)
            if day_end >= seconds:
                return fee
            billed_so_far = inner_so_far


# --8<-- [end:daily_cap]


# --8<-- [start:per_type]
class PerVehicleTypePricing:
    """Routes each vehicle type to its own strategy; every type must have one."""

    def __init__(self, by_type: Mapping[VehicleType, PricingStrategy]) -> None:
        missing = [t.name for t in VehicleType if t not in by_type]
        if missing:
            raise ValueError(f"no pricing for vehicle types: {', '.join(missing)}")
        self._by_type = dict(by_type)

    def fee_cents(self, vehicle_type: VehicleType, seconds: float) -> int:
        return self._by_type[vehicle_type].fee_cents(vehicle_type, seconds)


# --8<-- [end:per_type]
