"""The parking lot: park -> Ticket, unpark(ticket) -> Receipt, thread-safe.

Pricing, allocation, the free-spot index and the clock are all injected, so
each can be swapped or faked without touching this class.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from examples.machine_coding.clock import Clock
from examples.machine_coding.parking_lot.allocation import AllocationStrategy
from examples.machine_coding.parking_lot.errors import (
    AlreadyParkedError,
    LotFullError,
    UnknownTicketError,
)
from examples.machine_coding.parking_lot.free_spots import FreeSpots, HeapFreeSpots
from examples.machine_coding.parking_lot.models import (
    Receipt,
    Spot,
    SpotSize,
    Ticket,
    Vehicle,
    fits,
)
from examples.machine_coding.parking_lot.pricing import PricingStrategy

Layout = Sequence[Mapping[SpotSize, int]]
"""One mapping per level: how many spots of each size it has."""


# --8<-- [start:build_spots]
def build_spots(layout: Layout) -> list[Spot]:
    """Number the spots of each level from 1, smallest size first."""
    if not layout:
        raise ValueError("a lot needs at least one level")
    spots: list[Spot] = []
    for level, counts in enumerate(layout):
        unknown = [key for key in counts if key not in set(SpotSize)]
        if unknown:  # a typo such as "LARGE" would otherwise drop spots silently
            raise ValueError(f"level {level}: unknown spot sizes {unknown!r}")
        number = 0
        for size in SpotSize:
            count = counts.get(size, 0)
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise ValueError(f"level {level}: bad count {count!r} for {size.name}")
            for _ in range(count):
                number += 1
                spots.append(Spot(level, number, size))
    if not spots:
        raise ValueError("a lot needs at least one spot")
    return spots


# --8<-- [end:build_spots]


class ParkingLot:
    """A multi-level lot. park/unpark are atomic: one lock guards all mutable state."""

    # --8<-- [start:init]
    def __init__(
        self,
        layout: Layout,
        *,
        pricing: PricingStrategy,
        allocation: AllocationStrategy,
        clock: Clock,
        index: Callable[[Iterable[Spot]], FreeSpots] = HeapFreeSpots,
    ) -> None:
        spots = build_spots(layout)
        self.capacity = len(spots)
        self._pricing = pricing
        self._allocation = allocation
        self._clock = clock
        self._free = index(spots)
        self._active: dict[str, Ticket] = {}  # ticket_id -> ticket
        self._plates: set[str] = set()  # plates inside, to refuse duplicates
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # --8<-- [end:init]

    # --8<-- [start:park]
    def park(self, vehicle: Vehicle) -> Ticket:
        """Give the vehicle a spot and a ticket, or raise without changing anything."""
        if not isinstance(vehicle, Vehicle):
            raise TypeError(f"expected a Vehicle, got {vehicle!r}")
        kind = vehicle.vehicle_type
        # Choose, take and record in one step, or two cars can get one spot.
        with self._lock:
            if vehicle.plate in self._plates:
                raise AlreadyParkedError(f"{vehicle.plate} is already parked")
            size = self._allocation.choose_size(kind, self._free)
            if size is None:
                raise LotFullError(f"no free spot fits a {kind.name.lower()}")
            if not fits(kind, size):  # a swapped-in strategy must not break the rule
                raise ValueError(f"allocation chose {size.name} for a {kind.name}")
            entered_at = self._clock()  # before the first write, in case it raises
            spot = self._free.take(size)
            ticket = Ticket(f"T-{next(self._ids):06d}", vehicle, spot, entered_at)
            self._active[ticket.ticket_id] = ticket
            self._plates.add(vehicle.plate)
            return ticket

    # --8<-- [end:park]

    # --8<-- [start:unpark]
    def unpark(self, ticket: Ticket) -> Receipt:
        """Free the ticket's spot and return the fee. A ticket works exactly once."""
        if not isinstance(ticket, Ticket):
            raise TypeError(f"expected a Ticket, got {ticket!r}")
        with self._lock:
            stored = self._active.get(ticket.ticket_id)
            if stored is None or stored != ticket:  # used, never issued, or forged
                raise UnknownTicketError(
                    f"ticket {ticket.ticket_id} is not active here"
                )
            exited_at = self._clock()
            seconds = exited_at - stored.entered_at
            # Price before releasing anything: if pricing raises, the car stays parked.
            fee = self._pricing.fee_cents(stored.vehicle.vehicle_type, seconds)
            del self._active[stored.ticket_id]
            self._plates.discard(stored.vehicle.plate)
            self._free.give_back(stored.spot)
            return Receipt(stored, exited_at, fee)

    # --8<-- [end:unpark]

    # --8<-- [start:queries]
    def free_count(self, size: SpotSize | None = None) -> int:
        """Free spots of one size, or of every size."""
        with self._lock:
            sizes = list(SpotSize) if size is None else [SpotSize(size)]
            return sum(self._free.count(s) for s in sizes)

    def parked_count(self) -> int:
        """Vehicles inside right now."""
        with self._lock:
            return len(self._active)

    def active_tickets(self) -> list[Ticket]:
        """A snapshot of the tickets in use, in the order they were issued."""
        with self._lock:
            return list(self._active.values())  # dicts keep insertion order

    # --8<-- [end:queries]
