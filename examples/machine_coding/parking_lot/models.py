"""The nouns of the parking lot: spot sizes, vehicle types, spots, tickets, receipts.

Everything here is an immutable value. The mutable state (which spot is free,
which ticket is active) lives in the lot, behind its lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum


# --8<-- [start:sizes]
class SpotSize(IntEnum):
    """Spot sizes, ordered: a bigger value is a bigger spot."""

    SMALL = 1
    REGULAR = 2
    LARGE = 3


class VehicleType(Enum):
    """What drives in, and the smallest spot it fits in."""

    MOTORCYCLE = SpotSize.SMALL
    CAR = SpotSize.REGULAR
    VAN = SpotSize.LARGE

    @property
    def min_spot(self) -> SpotSize:
        """The smallest spot size this vehicle fits in."""
        return SpotSize(self.value)


def fits(vehicle_type: VehicleType, size: SpotSize) -> bool:
    """The fitting rule: a vehicle fits its own size and every bigger one."""
    return size >= vehicle_type.min_spot


def sizes_that_fit(vehicle_type: VehicleType) -> list[SpotSize]:
    """Every size the vehicle fits, smallest (least wasteful) first."""
    return [size for size in SpotSize if fits(vehicle_type, size)]


# --8<-- [end:sizes]


# --8<-- [start:values]
@dataclass(frozen=True)
class Vehicle:
    """A vehicle at the gate; the plate is its identity while parked."""

    plate: str
    vehicle_type: VehicleType

    def __post_init__(self) -> None:
        if not isinstance(self.plate, str) or not self.plate.strip():
            raise ValueError(f"plate must be a non-empty string, got {self.plate!r}")
        if not isinstance(self.vehicle_type, VehicleType):
            raise TypeError(
                f"vehicle_type must be a VehicleType, got {self.vehicle_type!r}"
            )


@dataclass(frozen=True, order=True)
class Spot:
    """One physical spot. Ordering is (level, number): the nearest spot sorts first."""

    level: int
    number: int
    size: SpotSize

    @property
    def label(self) -> str:
        """What is painted on the ground, e.g. 'L1-007'."""
        return f"L{self.level}-{self.number:03d}"


@dataclass(frozen=True)
class Ticket:
    """Handed out at entry; the only thing the driver needs to leave."""

    ticket_id: str
    vehicle: Vehicle
    spot: Spot
    entered_at: float


@dataclass(frozen=True)
class Receipt:
    """Handed out at exit. Money is integer cents, never a float."""

    ticket: Ticket
    exited_at: float
    fee_cents: int


# --8<-- [end:values]
