"""The demo lot is priced and laid out as the page describes."""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.demo import build_lot, dollars
from examples.machine_coding.parking_lot.models import SpotSize, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import DAY, HOUR


def test_dollars_formats_cents() -> None:
    assert [dollars(c) for c in (0, 5, 700, 4_100, 123_456)] == ["$0.00", "$0.05", "$7.00", "$41.00", "$1234.56"]


def test_build_lot_has_five_spots_and_per_type_caps() -> None:
    clock = ManualClock()
    lot = build_lot(clock)
    assert lot.capacity == 5
    assert [lot.free_count(size) for size in SpotSize] == [1, 3, 1]
    tickets = [lot.park(Vehicle(t.name, t)) for t in VehicleType]
    clock.advance(DAY + HOUR)
    # One capped day each, then hour 25 at the hourly rate (not the first-hour rate).
    assert [lot.unpark(t).fee_cents for t in tickets] == [800 + 50, 2_000 + 200, 3_000 + 300]
