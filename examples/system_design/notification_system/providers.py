"""In-process stand-ins for external send APIs (an SMS gateway, an email API, a push service).

They are not mocks of a server: they are the example's model of what a
provider does, scripted call by call so a test can replay any failure
pattern. Each call behaves as one of four things:

- "ok": accepted and delivered to the user;
- "down": refused before accepting (a 503, a refused connection): nothing sent;
- "lost": our call timed out and the request never arrived: nothing sent;
- "slow": our call timed out, but the provider had accepted and delivered it.

"lost" and "slow" look the same to the caller. That ambiguity is why a
timeout must be retried on the same provider with the same idempotency key,
never failed over to another one. After its script runs out a provider is
healthy. `delivered` counts what reached the user, per notification id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

Behavior = Literal["ok", "down", "lost", "slow"]
BEHAVIORS: tuple[Behavior, ...] = ("ok", "down", "lost", "slow")


class ProviderDown(Exception):
    """The provider refused the request: it certainly did not send it."""


class ProviderTimeout(Exception):
    """No answer in time: the provider may or may not have sent it."""


class StandInProvider:
    """A scripted provider; with `dedupes` it honors an idempotency key, as APIs that take one do."""

    def __init__(
        self, name: str, script: Iterable[Behavior] = (), *, dedupes: bool = True
    ) -> None:
        self.name = name
        self._script = list(script)
        if bad := [b for b in self._script if b not in BEHAVIORS]:
            raise ValueError(f"unknown behaviors {bad}; use {BEHAVIORS}")
        self._script.reverse()  # pop() from the end takes them in order
        self.dedupes = dedupes
        self.calls = 0
        self.delivered: Counter[str] = Counter()
        self._accepted: dict[str, str] = {}  # idempotency key -> provider message id

    def send(self, idempotency_key: str, body: str) -> str:
        """Send `body`; return the provider's message id, or raise."""
        if not idempotency_key:
            raise ValueError("idempotency_key is required")
        self.calls += 1
        behavior = self._script.pop() if self._script else "ok"
        if behavior == "down":
            raise ProviderDown(f"{self.name}: 503 Service Unavailable")
        if behavior == "lost":
            raise ProviderTimeout(f"{self.name}: timed out")
        if self.dedupes and idempotency_key in self._accepted:
            message_id = self._accepted[idempotency_key]  # a retry: no second send
        else:
            message_id = f"{self.name}-{self.calls}"
            self._accepted[idempotency_key] = message_id
            self.delivered[idempotency_key] += 1
        if behavior == "slow":
            raise ProviderTimeout(f"{self.name}: timed out after accepting")
        return message_id
