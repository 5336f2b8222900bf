"""Same lot, same cars, two allocation strategies: where does the car go?"""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import (
    AllocationStrategy,
    BestFit,
    NearestFirst,
)
from examples.machine_coding.parking_lot.errors import ParkingError
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import SpotSize, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import HourlyPricing


def run(strategy: AllocationStrategy) -> list[str]:
    """Park a car, then a van, in a lot whose ground level has one large spot."""
    lot = ParkingLot(
        [{SpotSize.LARGE: 1}, {SpotSize.REGULAR: 1}],
        pricing=HourlyPricing(300, 200),
        allocation=strategy,
        clock=ManualClock(),
    )
    placed = []
    for plate, kind in (("CAR-1", VehicleType.CAR), ("VAN-1", VehicleType.VAN)):
        try:
            placed.append(f"{plate}->{lot.park(Vehicle(plate, kind)).spot.label}")
        except ParkingError as error:
            placed.append(f"{plate}->{type(error).__name__}")
    return placed


# --8<-- [start:compare]
print("nearest first:", run(NearestFirst()))
#> nearest first: ['CAR-1->L0-001', 'VAN-1->LotFullError']
print("best fit:     ", run(BestFit()))
#> best fit:      ['CAR-1->L1-001', 'VAN-1->L0-001']
# --8<-- [end:compare]
