"""Errors the lot raises. Each names what went wrong and leaves the lot unchanged."""

from __future__ import annotations


# --8<-- [start:errors]
class ParkingError(Exception):
    """Base class: catch this to handle every refusal from the lot."""


class LotFullError(ParkingError):
    """No free spot fits the vehicle (other sizes may still be free)."""


class AlreadyParkedError(ParkingError, ValueError):
    """A vehicle with this plate is already inside."""


class UnknownTicketError(ParkingError, LookupError):
    """The ticket was never issued, was already used, or does not match ours."""


# --8<-- [end:errors]
