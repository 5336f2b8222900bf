"""Pricing strategies: known fees, bad input, and never negative or decreasing."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.parking_lot.models import VehicleType
from examples.machine_coding.parking_lot.pricing import (
    DAY,
    HOUR,
    DailyCapPricing,
    HourlyPricing,
    PerVehicleTypePricing,
    PricingStrategy,
)

CAR = VehicleType.CAR


@pytest.mark.parametrize(
    ("seconds", "fee"),
    [(0, 300), (1, 300), (HOUR, 300), (HOUR + 1, 500), (2.5 * HOUR, 700), (10 * HOUR, 2100)],
)
def test_hourly_bills_every_started_hour(seconds: float, fee: int) -> None:
    assert HourlyPricing(300, 200).fee_cents(CAR, seconds) == fee


@pytest.mark.parametrize(
    ("seconds", "fee"),
    [
        (HOUR, 300),
        (10 * HOUR, 2_000),  # 2,100 capped
        (DAY, 2_000),  # exactly one day: the cap, nothing more
        (DAY + 1, 2_200),  # hour 25 is an hourly hour: 200, not the first-hour 300
        (DAY + 2.5 * HOUR, 2_600),
        (3 * DAY, 6_000),
        (3 * DAY - 1, 6_000),
    ],
)
def test_daily_cap_limits_each_day(seconds: float, fee: int) -> None:
    assert DailyCapPricing(HourlyPricing(300, 200), 2_000).fee_cents(CAR, seconds) == fee


@pytest.mark.parametrize(
    ("seconds", "fee"),
    [(HOUR, 100), (DAY, 330), (DAY + 1, 340), (2 * DAY, 570), (25 * DAY, 6_090)],
)
def test_a_cap_above_a_days_price_changes_nothing(seconds: float, fee: int) -> None:
    # 24 started hours cost 100 + 23 x 10 = 330, far below the 2,000 cap.
    hourly = HourlyPricing(100, 10)
    assert DailyCapPricing(hourly, 2_000).fee_cents(CAR, seconds) == fee == hourly.fee_cents(CAR, seconds)


def test_per_vehicle_type_routes_to_each_strategy() -> None:
    pricing = PerVehicleTypePricing(
        {
            VehicleType.MOTORCYCLE: HourlyPricing(100, 50),
            VehicleType.CAR: HourlyPricing(300, 200),
            VehicleType.VAN: HourlyPricing(500, 300),
        }
    )
    assert [pricing.fee_cents(t, 2 * HOUR) for t in VehicleType] == [150, 500, 800]


def test_per_vehicle_type_refuses_a_missing_type() -> None:
    with pytest.raises(ValueError, match="VAN"):
        PerVehicleTypePricing({VehicleType.CAR: HourlyPricing(1, 1), VehicleType.MOTORCYCLE: HourlyPricing(1, 1)})


@pytest.mark.parametrize("bad", [1.5, "300", True, None])
def test_prices_must_be_int_cents(bad: object) -> None:
    with pytest.raises(TypeError, match="cents"):
        HourlyPricing(bad, 200)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cents"):
        DailyCapPricing(HourlyPricing(1, 1), bad)  # type: ignore[arg-type]


def test_prices_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        HourlyPricing(300, -1)
    with pytest.raises(ValueError, match="negative"):
        DailyCapPricing(HourlyPricing(1, 1), -5)


@pytest.mark.parametrize(
    "strategy", [HourlyPricing(300, 200), DailyCapPricing(HourlyPricing(300, 200), 2_000)], ids=["hourly", "capped"]
)
@pytest.mark.parametrize("seconds", [-0.5, float("nan"), float("inf")])
def test_a_negative_or_non_finite_duration_is_refused(strategy: PricingStrategy, seconds: float) -> None:
    with pytest.raises(ValueError, match="finite and not negative"):
        strategy.fee_cents(CAR, seconds)


cents = st.integers(min_value=0, max_value=10_000)
durations = st.floats(min_value=0, max_value=10 * DAY, allow_nan=False)


@st.composite
def strategies(draw: st.DrawFn) -> PricingStrategy:
    hourly = HourlyPricing(draw(cents), draw(cents))
    if draw(st.booleans()):
        return hourly
    return DailyCapPricing(hourly, draw(cents))


@settings(max_examples=300, deadline=None)
@given(strategy=strategies(), a=durations, b=durations, vehicle_type=st.sampled_from(VehicleType))
def test_fees_are_non_negative_ints_and_never_drop_with_time(
    strategy: PricingStrategy, a: float, b: float, vehicle_type: VehicleType
) -> None:
    shorter, longer = sorted((a, b))
    fee_short = strategy.fee_cents(vehicle_type, shorter)
    fee_long = strategy.fee_cents(vehicle_type, longer)
    assert type(fee_short) is int
    assert 0 <= fee_short <= fee_long


@settings(max_examples=200, deadline=None)
@given(strategy=strategies(), days=st.integers(min_value=0, max_value=5))
def test_the_day_boundary_never_lowers_the_fee(strategy: PricingStrategy, days: int) -> None:
    boundary = (days + 1) * DAY
    assert strategy.fee_cents(CAR, boundary - 1) <= strategy.fee_cents(CAR, boundary)
    assert strategy.fee_cents(CAR, boundary) <= strategy.fee_cents(CAR, boundary + 1)


@settings(max_examples=300, deadline=None)
@given(hourly=st.builds(HourlyPricing, cents, cents), cap=cents, seconds=durations)
def test_the_cap_never_raises_a_fee_and_bounds_each_day(hourly: HourlyPricing, cap: int, seconds: float) -> None:
    capped = DailyCapPricing(hourly, cap).fee_cents(CAR, seconds)
    assert capped <= hourly.fee_cents(CAR, seconds)
    days_started = max(1, math.ceil(seconds / DAY))
    assert capped <= days_started * cap


def test_same_zone_datetime_subtraction_ignores_a_dst_change() -> None:
    # The page's time-of-day row: why durations come from UTC, not local wall times.
    new_york = ZoneInfo("America/New_York")
    evening = datetime(2024, 11, 2, 22, 0, tzinfo=new_york)  # DST ends at 02:00 on Nov 3
    morning = datetime(2024, 11, 3, 6, 0, tzinfo=new_york)
    assert morning - evening == timedelta(hours=8)  # wall-clock difference
    assert morning.astimezone(UTC) - evening.astimezone(UTC) == timedelta(hours=9)  # time that passed
