"""In-process stand-ins for external send APIs (an SMS gateway, an email API, a push service).

They are not mocks of a server: they are the example's model of what a
provider does, scripted call by call so a test can replay any failure
pattern. Each call behaves as one of four things:

- "ok": accepted and delivered to the user;
- "down": refused before accepting (a 503 or 429, a refused connection): nothing sent;
- "lost": our call timed out and the request never arrived: nothing sent;
- "slow": our call timed out, but the provider had accepted and delivered it.

"lost" and "slow" look the same to the caller, and so does a 500, 502 or
504: the request may have been acted on. By default a stand-in does NOT
deduplicate on our key, like APNs, FCM, Amazon SES and Twilio's Messages
API: a retry after an ambiguous answer can reach the user twice. `dedupes=True`
models an API that honors a key for a while, such as the repeatable requests
of Azure Communication Services Email. After its script runs out a provider
is healthy. `delivered` counts what reached the user, per notification id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

Behavior = Literal["ok", "down", "lost", "slow"]
BEHAVIORS: tuple[Behavior, ...] = ("ok", "down", "lost", "slow")


class ProviderDown(Exception):
    """The provider refused the request: it certainly did not send it."""


class ProviderAmbiguous(Exception):
    """A timeout or a 500, 502, 504: the provider may or may not have sent it."""


class ProviderTimeout(ProviderAmbiguous):
    """No answer in time."""


class ProviderRejected(Exception):
    """A 4xx other than 429: this request will never be accepted; do not retry it."""


def raise_for_status(provider: str, status: int) -> None:
    """Classify a send API's HTTP status by what it says about the send.

    503 (unable to handle the request now) and 429 (too many requests) are
    refusals before any work; 500, 502 and 504 come from a server or gateway
    that may have passed the request on, so they are as ambiguous as a timeout.
    """
    if not 100 <= status <= 599:
        raise ValueError(f"not an HTTP status: {status}")
    if status < 300:
        return
    if status in (429, 503):
        raise ProviderDown(f"{provider}: {status}")
    if status >= 500:
        raise ProviderAmbiguous(f"{provider}: {status}, may have sent")
    raise ProviderRejected(f"{provider}: {status}")


class StandInProvider:
    """A scripted provider; only with `dedupes` does it honor our idempotency key."""

    def __init__(
        self, name: str, script: Iterable[Behavior] = (), *, dedupes: bool = False
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
            raise_for_status(self.name, 503)
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
