"""Eight gates park cars at the same moment; the lock keeps every spot single-use."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import NearestFirst
from examples.machine_coding.parking_lot.errors import LotFullError
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import (
    SpotSize,
    Ticket,
    Vehicle,
    VehicleType,
)
from examples.machine_coding.parking_lot.pricing import HourlyPricing

GATES = 8
CARS_PER_GATE = 50


# --8<-- [start:rush]
def rush_hour(lot: ParkingLot) -> tuple[list[Ticket], int]:
    """Every gate parks its cars at once; returns the tickets and the refusals."""
    start = threading.Barrier(GATES, timeout=10)  # all gates begin together

    def gate(number: int) -> tuple[list[Ticket], int]:
        start.wait()
        tickets, refused = [], 0
        for i in range(CARS_PER_GATE):
            try:
                tickets.append(lot.park(Vehicle(f"G{number}-{i}", VehicleType.CAR)))
            except LotFullError:
                refused += 1
        return tickets, refused

    with ThreadPoolExecutor(max_workers=GATES) as pool:
        results = list(pool.map(gate, range(GATES)))
    tickets = [t for gate_tickets, _ in results for t in gate_tickets]
    return tickets, sum(refused for _, refused in results)


# --8<-- [end:rush]

if __name__ == "__main__":
    # --8<-- [start:demo]
    lot = ParkingLot(
        [{SpotSize.REGULAR: 100}] * 3,  # 300 spots for 400 cars
        pricing=HourlyPricing(300, 200),
        allocation=NearestFirst(),
        clock=ManualClock(),
    )
    tickets, refused = rush_hour(lot)
    spots = {t.spot for t in tickets}
    print("tickets:", len(tickets), "distinct spots:", len(spots), "refused:", refused)
    #> tickets: 300 distinct spots: 300 refused: 100
    print("parked:", lot.parked_count(), "free:", lot.free_count())
    #> parked: 300 free: 0
    # --8<-- [end:demo]
