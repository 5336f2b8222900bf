"""Errors the expense book raises. Each one leaves every balance unchanged."""

from __future__ import annotations


# --8<-- [start:errors]
class SplitwiseError(Exception):
    """Base class for every refusal from the expense book."""


class UnknownUserError(SplitwiseError, LookupError):
    """A user id that was never added (or is not in the group)."""


class UnknownGroupError(SplitwiseError, LookupError):
    """A group id that was never created."""


class InvalidIdError(SplitwiseError, ValueError):
    """A user or group id that is not a non-empty string."""


class DuplicateIdError(SplitwiseError, ValueError):
    """A user or group id that is already taken."""


class InvalidAmountError(SplitwiseError, ValueError):
    """Money that is not a positive whole number of cents."""


class InvalidSplitError(SplitwiseError, ValueError):
    """Shares that do not add up: exact amounts off the total, percentages off 100."""


class InvalidPaymentError(SplitwiseError, ValueError):
    """A payment the book refuses to record: one from a user to themselves."""


# --8<-- [end:errors]
