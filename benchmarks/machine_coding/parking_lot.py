"""Parking lot: park+unpark cost per operation as the lot grows 100x.

Claims on docs/machine-coding/parking-lot.md backed here:
- with the free-spot index (a heap per size), park and unpark stay near constant
  (O(log n)) as the lot grows;
- the naive scan walks past every spot ahead of the first fitting free one, so
  its cost grows with the lot (O(n)) when the fitting spots sit at the end.

Every lot has ten levels: nine of regular spots, then one of large spots.
"""

from __future__ import annotations

from collections import deque

from benchmarks.timing import per_operation, quick_mode, report
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import NearestFirst
from examples.machine_coding.parking_lot.free_spots import HeapFreeSpots, ScanFreeSpots
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import SpotSize, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import HourlyPricing

CHURN = 200 if quick_mode() else 2_000
SCAN_CHURN = 20 if quick_mode() else 50


def build(size: int, index=HeapFreeSpots) -> ParkingLot:
    per_level = size // 10
    layout = [{SpotSize.REGULAR: per_level}] * 9 + [{SpotSize.LARGE: per_level}]
    return ParkingLot(
        layout, pricing=HourlyPricing(300, 200), allocation=NearestFirst(), clock=ManualClock(), index=index
    )


def car_churn(size: int):
    """90% of the regular spots (81% of the lot) hold cars; each step parks one and lets the oldest leave."""
    lot = build(size)
    regular_spots = size // 10 * 9
    inside = deque(lot.park(Vehicle(f"F{i}", VehicleType.CAR)) for i in range(regular_spots * 9 // 10))

    def run() -> None:
        for i in range(CHURN):
            inside.append(lot.park(Vehicle(f"C{i}", VehicleType.CAR)))
            lot.unpark(inside.popleft())

    return run, 2 * CHURN


def van_churn(index):
    """Vans park and leave; their large spots come after every regular spot."""

    def workload(size: int):
        lot = build(size, index)
        rounds = SCAN_CHURN if index is ScanFreeSpots else CHURN

        def run() -> None:
            for i in range(rounds):
                lot.unpark(lot.park(Vehicle(f"V{i}", VehicleType.VAN)))

        return run, 2 * rounds

    return workload


if __name__ == "__main__":
    report("car park+unpark, index, 81% full", per_operation(car_churn))
    report("van park+unpark, index", per_operation(van_churn(HeapFreeSpots)))
    report("van park+unpark, linear scan", per_operation(van_churn(ScanFreeSpots)))
