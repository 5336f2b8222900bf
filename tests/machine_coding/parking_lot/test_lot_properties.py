"""Random park/unpark/advance sequences against a simple model of the lot.

Two lots run side by side, one with the heap index and one with the naive
scan, and both are checked against a dict model after every step.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import BestFit, NearestFirst
from examples.machine_coding.parking_lot.errors import LotFullError, UnknownTicketError
from examples.machine_coding.parking_lot.free_spots import ScanFreeSpots
from examples.machine_coding.parking_lot.lot import ParkingLot, build_spots
from examples.machine_coding.parking_lot.models import Spot, SpotSize, Ticket, Vehicle, VehicleType, fits
from examples.machine_coding.parking_lot.pricing import DailyCapPricing, HourlyPricing

LAYOUT = [{SpotSize.SMALL: 2, SpotSize.REGULAR: 2, SpotSize.LARGE: 1}, {SpotSize.REGULAR: 2, SpotSize.LARGE: 1}]
ALL_SPOTS = build_spots(LAYOUT)


class LotMachine(RuleBasedStateMachine):
    """Nearest first: the lowest level, then the smallest size, then the lowest number."""

    @staticmethod
    def preference(spot: Spot) -> tuple:
        return (spot.level, spot.size, spot.number)

    def __init__(self) -> None:
        super().__init__()
        self.clock = ManualClock()
        pricing = DailyCapPricing(HourlyPricing(300, 200), 2_000)
        self.lots = [
            ParkingLot(LAYOUT, pricing=pricing, allocation=NearestFirst(), clock=self.clock),
            ParkingLot(LAYOUT, pricing=pricing, allocation=NearestFirst(), clock=self.clock, index=ScanFreeSpots),
        ]
        self.capacity = self.lots[0].capacity
        self.parked: dict[str, tuple[Ticket, Ticket]] = {}  # model: plate -> ticket in each lot
        self.last_fee: dict[str, int] = {}
        self.plates = 0

    @rule(vehicle_type=st.sampled_from(VehicleType))
    def park(self, vehicle_type: VehicleType) -> None:
        self.plates += 1
        vehicle = Vehicle(f"P{self.plates}", vehicle_type)
        occupied = {pair[0].spot for pair in self.parked.values()}
        candidates = [s for s in ALL_SPOTS if fits(vehicle_type, s.size) and s not in occupied]
        expected = min(candidates, key=self.preference, default=None)
        outcomes = []
        for lot in self.lots:
            try:
                outcomes.append(lot.park(vehicle))
            except LotFullError:
                outcomes.append(None)
        if expected is None:
            assert outcomes == [None, None]
        else:
            heap_ticket, scan_ticket = outcomes
            assert heap_ticket.spot == scan_ticket.spot == expected
            self.parked[vehicle.plate] = (heap_ticket, scan_ticket)

    @precondition(lambda self: self.parked)
    @rule(data=st.data())
    def unpark(self, data: st.DataObject) -> None:
        plate = data.draw(st.sampled_from(sorted(self.parked)))
        tickets = self.parked.pop(plate)
        fees = [lot.unpark(ticket).fee_cents for lot, ticket in zip(self.lots, tickets, strict=True)]
        assert fees[0] == fees[1] >= 0

    @precondition(lambda self: self.parked)
    @rule(data=st.data())
    def unpark_twice_is_refused(self, data: st.DataObject) -> None:
        plate = data.draw(st.sampled_from(sorted(self.parked)))
        tickets = self.parked.pop(plate)
        for lot, ticket in zip(self.lots, tickets, strict=True):
            lot.unpark(ticket)
            try:
                lot.unpark(ticket)
            except UnknownTicketError:
                pass
            else:
                raise AssertionError("a used ticket was accepted")

    @rule(seconds=st.integers(min_value=0, max_value=30 * 3600))
    def advance(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @invariant()
    def occupancy_matches_the_model(self) -> None:
        for index, lot in enumerate(self.lots):
            active = lot.active_tickets()
            spots = [t.spot for t in active]
            assert len(spots) == len(set(spots))  # no spot is held twice
            assert lot.parked_count() == len(self.parked) <= self.capacity
            assert lot.free_count() == self.capacity - len(self.parked)
            assert {t.vehicle.plate for t in active} == set(self.parked)
            assert sorted(spots) == sorted(pair[index].spot for pair in self.parked.values())

    @invariant()
    def fees_never_drop_as_time_passes(self) -> None:
        pricing = DailyCapPricing(HourlyPricing(300, 200), 2_000)
        for plate, (ticket, _) in self.parked.items():
            fee = pricing.fee_cents(ticket.vehicle.vehicle_type, self.clock() - ticket.entered_at)
            assert fee >= self.last_fee.get(plate, 0)
            self.last_fee[plate] = fee


LotMachine.TestCase.settings = settings(max_examples=80, stateful_step_count=40, deadline=None)
TestLotAgainstModel = LotMachine.TestCase


class BestFitMachine(LotMachine):
    """Best fit: the smallest size, then the lowest level, then the lowest number."""

    @staticmethod
    def preference(spot: Spot) -> tuple:
        return (spot.size, spot.level, spot.number)

    def __init__(self) -> None:
        super().__init__()
        self.lots = [
            ParkingLot(LAYOUT, pricing=HourlyPricing(300, 200), allocation=BestFit(), clock=self.clock),
            ParkingLot(
                LAYOUT, pricing=HourlyPricing(300, 200), allocation=BestFit(), clock=self.clock, index=ScanFreeSpots
            ),
        ]


BestFitMachine.TestCase.settings = settings(max_examples=50, stateful_step_count=40, deadline=None)
TestBestFitAgainstModel = BestFitMachine.TestCase
