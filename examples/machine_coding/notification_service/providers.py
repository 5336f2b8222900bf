"""The provider interface, and a fake provider for tests and demos.

A real provider wraps a third-party API (an email API, an SMS gateway, a push
service) and must sort its failures into two kinds, because the retry logic
depends on that: a transient error (timeout, 5xx, 429) may succeed later; a
permanent one (invalid number, unsubscribed address) never will. A transient
error also carries the provider's Retry-After, when it sent one.

FakeProvider is a test double for such an API, living in this process. It is
not a server and pretends to be none; it lets a test say "fail twice, then
succeed" and then count exactly what was sent.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from examples.machine_coding.notification_service.model import Channel, Message


# --8<-- [start:protocol]
class ProviderError(Exception):
    """A provider refused or failed a send."""


class TransientProviderError(ProviderError):
    """Might work later: a timeout, a 5xx, a rate limit. Retry with backoff.

    `retry_after_s` carries a provider's Retry-After (on a 429 or a 503): the
    next attempt waits at least that long, whatever the jittered backoff says.
    """

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        if retry_after_s is not None and not 0 <= retry_after_s < math.inf:
            raise ValueError(f"retry_after_s must be finite and >= 0: {retry_after_s}")
        super().__init__(message)
        self.retry_after_s = retry_after_s


class PermanentProviderError(ProviderError):
    """Will never work: a malformed address, a blocked number. Do not retry."""


class Provider(Protocol):
    """Sends one message on one channel."""

    def send(self, address: str, message: Message, *, idempotency_key: str) -> str:
        """Send and return the provider's message id, or raise a ProviderError.

        `idempotency_key` is stable across retries of the same delivery;
        providers that support one use it to drop a repeat of a send that
        succeeded but whose answer was lost.
        """
        ...


# --8<-- [end:protocol]


class Outcome(StrEnum):
    """What the fake does with one send call."""

    OK = "ok"
    TRANSIENT = "transient"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class SentMessage:
    """One message the fake accepted."""

    address: str
    message: Message
    idempotency_key: str
    provider_message_id: str


# --8<-- [start:fake]
class FakeProvider:
    """An in-process stand-in for a provider API that fails on command.

    Calls consume `script` in order; once it runs out, every call succeeds.
    Thread-safe: one lock guards the script and the log of sent messages.
    """

    def __init__(self, channel: Channel, script: Iterable[Outcome | str] = ()) -> None:
        self.channel = channel
        self._lock = threading.Lock()
        self._script = deque(Outcome(step) for step in script)
        self._sent: list[SentMessage] = []
        self.calls = 0

    def fail_next(self, *outcomes: Outcome | str) -> None:
        """Append outcomes to the script, e.g. fail_next("transient", "ok")."""
        with self._lock:
            self._script.extend(Outcome(step) for step in outcomes)

    def send(self, address: str, message: Message, *, idempotency_key: str) -> str:
        """Follow the script: record and return an id, or raise."""
        with self._lock:
            self.calls += 1
            outcome = self._script.popleft() if self._script else Outcome.OK
            if outcome is Outcome.TRANSIENT:
                raise TransientProviderError(f"{self.channel.value} provider timed out")
            if outcome is Outcome.PERMANENT:
                raise PermanentProviderError(f"{self.channel.value} address rejected")
            message_id = f"{self.channel.value}-{len(self._sent) + 1}"
            self._sent.append(
                SentMessage(address, message, idempotency_key, message_id)
            )
            return message_id

    @property
    def sent(self) -> list[SentMessage]:
        """A copy of everything accepted so far, in order."""
        with self._lock:
            return list(self._sent)


# --8<-- [end:fake]
