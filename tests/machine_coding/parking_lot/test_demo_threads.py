"""The rush-hour demo: every spot issued once, every extra car refused."""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import BestFit
from examples.machine_coding.parking_lot.demo_threads import CARS_PER_GATE, GATES, rush_hour
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import SpotSize
from examples.machine_coding.parking_lot.pricing import HourlyPricing


def test_rush_hour_fills_the_lot_exactly() -> None:
    lot = ParkingLot(
        [{SpotSize.REGULAR: 7, SpotSize.LARGE: 3}] * 5,
        pricing=HourlyPricing(1, 1),
        allocation=BestFit(),
        clock=ManualClock(),
    )
    tickets, refused = rush_hour(lot)
    assert len(tickets) == len({t.spot for t in tickets}) == 50
    assert refused == GATES * CARS_PER_GATE - 50
    assert lot.free_count() == 0


def test_rush_hour_with_room_for_everyone_refuses_nobody() -> None:
    lot = ParkingLot(
        [{SpotSize.REGULAR: GATES * CARS_PER_GATE}],
        pricing=HourlyPricing(1, 1),
        allocation=BestFit(),
        clock=ManualClock(),
    )
    tickets, refused = rush_hour(lot)
    assert (len(tickets), refused) == (GATES * CARS_PER_GATE, 0)
    assert lot.free_count() == 0
