"""Many threads park and unpark at once: no spot is handed out twice, no car is lost."""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import NearestFirst
from examples.machine_coding.parking_lot.errors import LotFullError, UnknownTicketError
from examples.machine_coding.parking_lot.free_spots import HeapFreeSpots, ScanFreeSpots
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import Spot, SpotSize, Ticket, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import HourlyPricing

THREADS = 8
OPS = 2_000


@pytest.fixture(autouse=True)
def switch_threads_often() -> Iterator[None]:
    """Make the interpreter switch threads far more often, so a missing lock shows."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def make_lot(layout: list, index=HeapFreeSpots) -> ParkingLot:
    return ParkingLot(
        layout, pricing=HourlyPricing(300, 200), allocation=NearestFirst(), clock=ManualClock(), index=index
    )


# The scan's check-then-mark is the classic race a missing lock lets through.
INDEXES = pytest.mark.parametrize("index", [HeapFreeSpots, ScanFreeSpots], ids=["heap", "scan"])


def run_threads(target) -> None:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()


@INDEXES
def test_a_rush_of_parks_never_gives_one_spot_to_two_cars(index) -> None:
    lot = make_lot([{SpotSize.REGULAR: 100}] * 4, index)  # 400 spots, 16,000 cars
    start = threading.Barrier(THREADS, timeout=10)
    tickets: list[list[Ticket]] = [[] for _ in range(THREADS)]
    refused = [0] * THREADS

    def gate(n: int) -> None:
        start.wait()
        for i in range(OPS):
            try:
                tickets[n].append(lot.park(Vehicle(f"{n}-{i}", VehicleType.CAR)))
            except LotFullError:
                refused[n] += 1

    run_threads(gate)
    issued = [t for per_gate in tickets for t in per_gate]
    assert len(issued) == lot.capacity == 400
    assert len({t.spot for t in issued}) == 400
    assert len({t.ticket_id for t in issued}) == 400
    assert sum(refused) == THREADS * OPS - 400
    assert lot.parked_count() == 400
    assert lot.free_count() == 0


@INDEXES
def test_mixed_park_and_unpark_keeps_the_books_exact(index) -> None:
    layout = [{SpotSize.SMALL: 20, SpotSize.REGULAR: 40, SpotSize.LARGE: 10}] * 3  # 210 spots
    lot = make_lot(layout, index)
    start = threading.Barrier(THREADS, timeout=10)
    kinds = list(VehicleType)
    kept: list[list[Ticket]] = [[] for _ in range(THREADS)]
    counts = [Counter() for _ in range(THREADS)]

    def driver(n: int) -> None:
        start.wait()
        mine: list[Ticket] = []
        for i in range(OPS):
            if i % 3 == 2 and mine:
                lot.unpark(mine.pop(0))
                counts[n]["unparked"] += 1
                continue
            try:
                mine.append(lot.park(Vehicle(f"{n}-{i}", kinds[(n + i) % 3])))
                counts[n]["parked"] += 1
            except LotFullError:
                counts[n]["refused"] += 1
        kept[n] = mine

    run_threads(driver)
    still_parked = [t for per_thread in kept for t in per_thread]
    total = sum(counts, Counter())
    assert total["parked"] - total["unparked"] == len(still_parked) == lot.parked_count()
    assert lot.free_count() == lot.capacity - len(still_parked)
    assert sorted(lot.active_tickets(), key=lambda t: t.ticket_id) == sorted(still_parked, key=lambda t: t.ticket_id)
    spots: list[Spot] = [t.spot for t in still_parked]
    assert len(spots) == len(set(spots))
    # Everything can leave, and then the whole lot is free again.
    for ticket in still_parked:
        lot.unpark(ticket)
    assert lot.free_count() == lot.capacity
    assert [lot.free_count(size) for size in SpotSize] == [60, 120, 30]


@INDEXES
def test_a_ticket_shown_at_every_gate_at_once_is_honored_once(index) -> None:
    lot = make_lot([{SpotSize.REGULAR: 50}], index)
    rounds = 100
    outcomes: list[Counter] = [Counter() for _ in range(THREADS)]
    start = threading.Barrier(THREADS, timeout=10)
    tickets: list[Ticket] = []

    def gate(n: int) -> None:
        for r in range(rounds):
            if n == 0:  # one gate parks the car whose ticket everyone then shows
                tickets.append(lot.park(Vehicle(f"R{r}", VehicleType.CAR)))
            start.wait()
            try:
                lot.unpark(tickets[r])
                outcomes[n]["paid"] += 1
            except UnknownTicketError:
                outcomes[n]["refused"] += 1
            except Exception as error:  # a race shows up as some other error
                outcomes[n][type(error).__name__] += 1

    run_threads(gate)
    total = sum(outcomes, Counter())
    assert total == Counter(paid=rounds, refused=rounds * (THREADS - 1))
    assert (lot.parked_count(), lot.free_count()) == (0, 50)
