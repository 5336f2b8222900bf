"""The entities: channels, a send request, a notification and its deliveries.

A notification is one request to tell one user one thing. It fans out into one
delivery per channel, and each delivery has its own status, attempts and
schedule. Everything here is immutable: a change is a new value that the
repository stores in one step, so a reader never sees half an update.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from examples.machine_coding.notification_service.errors import (
    InvalidChannelError,
    InvalidFieldError,
)


# --8<-- [start:enums]
class Channel(StrEnum):
    """Where a message goes."""

    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"
    IN_APP = "in_app"


class DeliveryStatus(StrEnum):
    """Where one delivery (one notification on one channel) stands."""

    QUEUED = "queued"  # waiting for its first attempt or a retry
    DEFERRED = "deferred"  # held until the user's quiet hours end
    SENT = "sent"  # the provider accepted it
    FAILED = "failed"  # a permanent error; retrying cannot help
    DEAD_LETTERED = "dead_lettered"  # transient errors used up the retries
    SUPPRESSED = "suppressed"  # the user opted out of this channel and category

    @property
    def terminal(self) -> bool:
        """True once nothing more will happen to the delivery."""
        return self not in (DeliveryStatus.QUEUED, DeliveryStatus.DEFERRED)


# --8<-- [end:enums]


def parse_channels(values: Iterable[str]) -> tuple[Channel, ...]:
    """Channel names to Channels, refusing unknown names, repeats and an empty list."""
    channels: list[Channel] = []
    for value in values:
        try:
            channel = Channel(value)
        except ValueError:
            allowed = ", ".join(c.value for c in Channel)
            raise InvalidChannelError(
                f"{value!r} is not a channel; use one of: {allowed}"
            ) from None
        if channel in channels:
            raise InvalidChannelError(f"channel {channel.value!r} is listed twice")
        channels.append(channel)
    if not channels:
        raise InvalidChannelError("at least one channel is required")
    return tuple(channels)


# --8<-- [start:request]
@dataclass(frozen=True)
class SendRequest:
    """What a caller asks for: render `template` with `variables` for `user_id`
    and deliver it on each of `channels`."""

    user_id: str
    template: str
    channels: tuple[Channel, ...]
    variables: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("user_id", "template"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidFieldError(name, f"{name} must be a non-blank string")
        if isinstance(self.channels, str):
            raise InvalidChannelError("channels must be a list, not one string")
        object.__setattr__(self, "channels", parse_channels(self.channels))
        if not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.variables.items()
        ):
            raise TypeError("variables must map strings to strings")
        # A private read-only copy: the caller mutating its dict later must not
        # change a request that is already stored.
        object.__setattr__(self, "variables", MappingProxyType(dict(self.variables)))

    def fingerprint(self) -> str:
        """A digest of the request's meaning. Channel order does not matter:
        ["sms", "email"] and ["email", "sms"] ask for the same thing."""
        canonical = json.dumps(
            {
                "user_id": self.user_id,
                "template": self.template,
                "channels": sorted(c.value for c in self.channels),
                "variables": dict(self.variables),
            },
            sort_keys=True,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


# --8<-- [end:request]


# --8<-- [start:entities]
@dataclass(frozen=True)
class Message:
    """Rendered content for one channel; `subject` is used by email only."""

    body: str
    subject: str | None = None


@dataclass(frozen=True)
class Notification:
    """An accepted request, with everything rendered up front."""

    id: str
    request: SendRequest
    category: str  # from the template: what users opt out of
    urgent: bool  # from the template: urgent messages ignore quiet hours
    messages: Mapping[Channel, Message]
    created_at: float
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One notification on one channel: its state and its next step."""

    notification_id: str
    channel: Channel
    address: str  # email address, phone number, device token or user id
    status: DeliveryStatus
    due_at: float  # when the dispatcher should next look at it
    attempts: int = 0
    waited_s: float = 0.0  # backoff waited so far, counted against the deadline
    last_error: str | None = None
    sent_at: float | None = None
    provider_message_id: str | None = None

    @property
    def key(self) -> tuple[str, Channel]:
        """Identifies the delivery; also the idempotency key sent to providers."""
        return (self.notification_id, self.channel)


# --8<-- [end:entities]
