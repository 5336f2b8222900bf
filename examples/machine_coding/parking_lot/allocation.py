"""Allocation strategies: which size pool a vehicle should be parked from.

A strategy only chooses; the lot takes the spot. That keeps strategies pure
functions of what is free, easy to test and to swap.
"""

from __future__ import annotations

from typing import Protocol

from examples.machine_coding.parking_lot.free_spots import FreeSpots
from examples.machine_coding.parking_lot.models import (
    SpotSize,
    VehicleType,
    sizes_that_fit,
)


# --8<-- [start:protocol]
class AllocationStrategy(Protocol):
    """Picks the size pool to park from, or None when nothing that fits is free."""

    def choose_size(
        self, vehicle_type: VehicleType, free: FreeSpots
    ) -> SpotSize | None:
        """The spot size to take for this vehicle; the pool's nearest spot is used."""
        ...


# --8<-- [end:protocol]


# --8<-- [start:strategies]
class NearestFirst:
    """Lowest level first, whatever the size; on the same level, the smaller spot."""

    def choose_size(
        self, vehicle_type: VehicleType, free: FreeSpots
    ) -> SpotSize | None:
        best: tuple[int, SpotSize] | None = None
        for size in sizes_that_fit(vehicle_type):
            spot = free.peek(size)
            if spot is not None and (best is None or (spot.level, size) < best):
                best = (spot.level, size)
        return None if best is None else best[1]


class BestFit:
    """Smallest size that fits and has a free spot, so big spots stay for big vehicles."""

    def choose_size(
        self, vehicle_type: VehicleType, free: FreeSpots
    ) -> SpotSize | None:
        for size in sizes_that_fit(vehicle_type):  # smallest first
            if free.count(size) > 0:
                return size
        return None


# --8<-- [end:strategies]
