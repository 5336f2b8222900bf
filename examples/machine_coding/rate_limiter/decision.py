"""What a limiter answers: not just yes or no, but enough to fill HTTP headers."""

from __future__ import annotations

from dataclasses import dataclass


# --8<-- [start:decision]
@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one `allow()` call for one key.

    allowed          the request may proceed
    limit            the most units the policy admits at once (its burst)
    remaining        the largest cost that would pass right now; a refusal has
                     remaining < cost
    retry_after      seconds until this same request would pass if nothing else
                     arrives: 0.0 if allowed, > 0 if refused, and now + retry_after
                     is late enough (it is computed in the same float addition)
    next_unit_after  seconds until `remaining` grows by at least one unit
    reset_after      seconds until the key is back to a full quota if it sends nothing
    delay            leaky bucket only: seconds to hold an admitted request before serving it
    """

    allowed: bool
    limit: int
    remaining: int
    retry_after: float
    next_unit_after: float
    reset_after: float
    delay: float = 0.0


# --8<-- [end:decision]
