"""ParkingLot behaviour: tickets, fees, refusals, and nothing changes on an error."""

from __future__ import annotations

import dataclasses

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import BestFit, NearestFirst
from examples.machine_coding.parking_lot.errors import (
    AlreadyParkedError,
    LotFullError,
    ParkingError,
    UnknownTicketError,
)
from examples.machine_coding.parking_lot.free_spots import ScanFreeSpots
from examples.machine_coding.parking_lot.lot import ParkingLot, build_spots
from examples.machine_coding.parking_lot.models import Spot, SpotSize, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import HOUR, HourlyPricing

S, R, L = SpotSize.SMALL, SpotSize.REGULAR, SpotSize.LARGE
CAR, VAN, BIKE = VehicleType.CAR, VehicleType.VAN, VehicleType.MOTORCYCLE


class ExplodingPricing:
    """A pricing strategy that fails, to prove unpark changes nothing when it does."""

    def fee_cents(self, vehicle_type: VehicleType, seconds: float) -> int:
        raise RuntimeError("pricing service down")


def make_lot(layout=None, clock=None, **kwargs) -> ParkingLot:
    options = {"pricing": HourlyPricing(300, 200), "allocation": NearestFirst(), "clock": clock or ManualClock()}
    options.update(kwargs)
    return ParkingLot(layout or [{S: 1, R: 2, L: 1}, {R: 2}], **options)


def snapshot(lot: ParkingLot) -> tuple:
    return lot.free_count(), lot.parked_count(), [s for s in lot.active_tickets()]


def test_build_spots_numbers_each_level_smallest_first() -> None:
    spots = build_spots([{L: 1, S: 2}, {R: 1}])
    assert [s.label for s in spots] == ["L0-001", "L0-002", "L0-003", "L1-001"]
    assert [s.size for s in spots] == [S, S, L, R]


@pytest.mark.parametrize(
    "layout", [[], [{}], [{R: 0}], [{R: -1}], [{R: 1.5}], [{R: True}], [{R: 2, "LARGE": 1}], [{R: 1, 4: 1}]]
)
def test_build_spots_refuses_bad_layouts(layout: list) -> None:
    with pytest.raises(ValueError):
        build_spots(layout)


def test_park_issues_sequential_tickets_with_entry_time() -> None:
    clock = ManualClock(start=50.0)
    lot = make_lot(clock=clock)
    first = lot.park(Vehicle("A", CAR))
    clock.advance(10)
    second = lot.park(Vehicle("B", BIKE))
    assert (first.ticket_id, first.spot, first.entered_at) == ("T-000001", Spot(0, 2, R), 50.0)
    assert (second.ticket_id, second.spot, second.entered_at) == ("T-000002", Spot(0, 1, S), 60.0)
    assert lot.capacity == 6
    assert lot.parked_count() == 2
    assert lot.free_count() == 4
    assert lot.free_count(R) == 3
    assert lot.active_tickets() == [first, second]


def test_unpark_returns_the_fee_and_frees_the_spot() -> None:
    clock = ManualClock()
    lot = make_lot(clock=clock)
    ticket = lot.park(Vehicle("A", CAR))
    clock.advance(2 * HOUR + 1)
    receipt = lot.unpark(ticket)
    assert (receipt.ticket, receipt.exited_at, receipt.fee_cents) == (ticket, 2 * HOUR + 1, 700)
    assert lot.parked_count() == 0
    assert lot.free_count() == 6
    assert lot.park(Vehicle("A", CAR)).spot == ticket.spot  # the plate may come back, the spot is reused


def test_a_full_lot_refuses_and_changes_nothing() -> None:
    lot = make_lot(layout=[{R: 1, S: 1}])
    lot.park(Vehicle("A", CAR))
    before = snapshot(lot)
    with pytest.raises(LotFullError, match="car"):
        lot.park(Vehicle("B", CAR))
    with pytest.raises(LotFullError, match="van"):
        lot.park(Vehicle("V", VAN))
    assert snapshot(lot) == before
    assert lot.park(Vehicle("M", BIKE)).spot.size == S  # other sizes still work


def test_the_same_plate_cannot_park_twice() -> None:
    lot = make_lot()
    lot.park(Vehicle("A", CAR))
    before = snapshot(lot)
    with pytest.raises(AlreadyParkedError, match="A is already parked"):
        lot.park(Vehicle("A", BIKE))
    assert snapshot(lot) == before


def test_a_ticket_works_once() -> None:
    lot = make_lot()
    ticket = lot.park(Vehicle("A", CAR))
    lot.unpark(ticket)
    with pytest.raises(UnknownTicketError, match="T-000001"):
        lot.unpark(ticket)


def test_forged_and_foreign_tickets_are_refused() -> None:
    lot, other = make_lot(), make_lot()
    real = lot.park(Vehicle("A", CAR))
    foreign = other.park(Vehicle("Z", VAN))  # same id T-000001, different lot
    forged = dataclasses.replace(real, entered_at=real.entered_at + 3 * HOUR)  # claims a later entry
    before = snapshot(lot)
    for bad in (foreign, forged):
        with pytest.raises(UnknownTicketError):
            lot.unpark(bad)
    assert snapshot(lot) == before
    assert lot.unpark(real).fee_cents == 300


@pytest.mark.parametrize("bad", ["T-000001", None, 7])
def test_unpark_wants_a_ticket(bad: object) -> None:
    lot = make_lot()
    lot.park(Vehicle("A", CAR))
    with pytest.raises(TypeError, match="Ticket"):
        lot.unpark(bad)  # type: ignore[arg-type]
    assert lot.parked_count() == 1


@pytest.mark.parametrize("bad", ["A", None, ("A", CAR)])
def test_park_wants_a_vehicle(bad: object) -> None:
    lot = make_lot()
    with pytest.raises(TypeError, match="Vehicle"):
        lot.park(bad)  # type: ignore[arg-type]
    assert lot.parked_count() == 0


def test_a_failing_pricing_strategy_leaves_the_car_parked() -> None:
    lot = make_lot(pricing=ExplodingPricing())
    ticket = lot.park(Vehicle("A", CAR))
    with pytest.raises(RuntimeError, match="pricing"):
        lot.unpark(ticket)
    assert lot.active_tickets() == [ticket]
    assert lot.free_count() == 5


class SmallSpotsForEveryone:
    """A broken allocation strategy: it ignores the fitting rule."""

    def choose_size(self, vehicle_type: VehicleType, free) -> SpotSize:
        return S


def test_the_lot_refuses_a_strategy_that_breaks_the_fitting_rule() -> None:
    lot = make_lot(allocation=SmallSpotsForEveryone())
    before = snapshot(lot)
    with pytest.raises(ValueError, match="chose SMALL for a VAN"):
        lot.park(Vehicle("V", VAN))
    assert snapshot(lot) == before
    assert lot.park(Vehicle("M", BIKE)).spot.size == S  # a motorcycle does fit


def test_a_clock_that_fails_at_entry_leaves_the_lot_unchanged() -> None:
    def broken_clock() -> float:
        raise OSError("clock unavailable")

    lot = make_lot(clock=broken_clock)
    with pytest.raises(OSError, match="clock"):
        lot.park(Vehicle("A", CAR))
    assert (lot.free_count(), lot.parked_count()) == (lot.capacity, 0)  # no spot lost


def test_a_clock_that_went_backwards_is_refused_without_losing_the_ticket() -> None:
    times = iter([100.0, 40.0, 200.0])
    lot = make_lot(clock=lambda: next(times))
    ticket = lot.park(Vehicle("A", CAR))
    with pytest.raises(ValueError, match="negative"):
        lot.unpark(ticket)
    assert lot.unpark(ticket).fee_cents == 300


def test_every_error_is_a_parking_error() -> None:
    for error in (LotFullError, AlreadyParkedError, UnknownTicketError):
        assert issubclass(error, ParkingError)
    assert issubclass(AlreadyParkedError, ValueError)
    assert issubclass(UnknownTicketError, LookupError)


@pytest.mark.parametrize("index", [None, ScanFreeSpots], ids=["heap", "scan"])
def test_best_fit_keeps_large_spots_for_vans(index) -> None:
    kwargs = {"allocation": BestFit()}
    if index is not None:
        kwargs["index"] = index
    lot = make_lot(layout=[{L: 1}, {R: 1}], **kwargs)
    assert lot.park(Vehicle("A", CAR)).spot == Spot(1, 1, R)
    assert lot.park(Vehicle("V", VAN)).spot == Spot(0, 1, L)


def test_free_count_rejects_an_unknown_size() -> None:
    with pytest.raises(ValueError):
        make_lot().free_count(9)  # type: ignore[arg-type]
