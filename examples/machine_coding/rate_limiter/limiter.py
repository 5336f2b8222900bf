"""The one interface every algorithm implements, and callers depend on."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from examples.machine_coding.rate_limiter.decision import Decision


# --8<-- [start:interface]
@runtime_checkable
class RateLimiter(Protocol):
    """Admits at most `limit` units per `window` seconds for each key."""

    @property
    def limit(self) -> int:
        """The most units one key may spend at once."""
        ...

    @property
    def window(self) -> float:
        """The length of the policy's window in seconds."""
        ...

    def allow(self, key: str, cost: int = 1) -> Decision:
        """Spend `cost` units of `key`'s quota if they are available."""
        ...


# --8<-- [end:interface]
