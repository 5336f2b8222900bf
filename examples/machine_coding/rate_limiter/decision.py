"""What a limiter answers: not just yes or no, but enough to fill HTTP headers."""

from __future__ import annotations

import math
from dataclasses import dataclass


# --8<-- [start:decision]
@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one `allow()` call for one key.

    allowed      the request may proceed
    limit        the most units the policy admits at once (its burst)
    remaining    whole units still available right after this decision
    retry_after  seconds until a request of the same cost could pass (0 if allowed)
    reset_after  seconds until the key is back to a full quota if it sends nothing
    delay        leaky bucket only: seconds to hold an admitted request before serving it
    """

    allowed: bool
    limit: int
    remaining: int
    retry_after: float
    reset_after: float
    delay: float = 0.0


# --8<-- [end:decision]

_NOISE = 1e-9


def whole_units(amount: float) -> int:
    """Round a float quota down to whole units, absorbing noise like 2.9999999999."""
    return max(0, math.floor(amount + _NOISE))
