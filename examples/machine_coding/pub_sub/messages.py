"""The values both brokers pass around, and the checks run on input at the edge."""

from __future__ import annotations

import enum
from dataclasses import dataclass

MAX_NAME_LENGTH = 200

# Immutable on purpose: every subscriber gets the same object, so one
# subscriber must not be able to change what another one reads.
Payload = str | bytes


# --8<-- [start:values]
@dataclass(frozen=True, slots=True)
class Message:
    """One published message. Ids grow in publish order across the broker."""

    id: int
    topic: str
    payload: Payload
    published_at: float


@dataclass(frozen=True, slots=True)
class Delivery:
    """One attempt to hand a message to one subscriber (attempt 1, 2, ...)."""

    message: Message
    subscriber_id: str
    attempt: int


class DeadLetterReason(enum.Enum):
    """Why a message left a subscriber's queue without being acknowledged."""

    MAX_ATTEMPTS = "max_attempts"  # delivered, never acked in time
    OVERFLOW = "overflow"  # the subscriber's queue was full


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message one subscriber gave up on, kept so an operator can replay it."""

    message: Message
    subscriber_id: str
    reason: DeadLetterReason
    attempts: int


class OverflowPolicy(enum.Enum):
    """What publish() does when one subscriber's queue is full.

    Neither choice blocks the publisher or touches other subscribers; the
    dropped message goes to the dead-letter list with reason OVERFLOW.
    """

    DROP_OLDEST = "drop_oldest"  # keep the newest data flowing
    DROP_NEWEST = "drop_newest"  # keep the backlog the subscriber already has


# --8<-- [end:values]


def check_name(kind: str, value: object) -> str:
    """Return `value` if it is a usable topic or subscriber name, else raise."""
    if not isinstance(value, str):
        raise TypeError(f"{kind} must be a str, got {type(value).__name__}")
    # isprintable() refuses newlines, tabs and other control characters: a name
    # read from a file with its "\n" would be a second topic that prints alike.
    if not value.strip() or not value.isprintable() or len(value) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{kind} must be 1-{MAX_NAME_LENGTH} visible characters, got {value!r}"
        )
    return value


def check_payload(payload: object) -> Payload:
    """Accept only immutable payloads (str or bytes)."""
    if not isinstance(payload, str | bytes):
        raise TypeError(f"payload must be str or bytes, got {type(payload).__name__}")
    return payload


def check_settings(
    *,
    max_attempts: int,
    max_pending: int,
    max_dead_letters: int,
    overflow: OverflowPolicy,
) -> None:
    """Validate the settings both brokers share."""
    counts = {
        "max_attempts": max_attempts,
        "max_pending": max_pending,
        "max_dead_letters": max_dead_letters,
    }
    for name, value in counts.items():
        if type(value) is not int or value < 1:  # bool is not a count
            raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    if not isinstance(overflow, OverflowPolicy):
        raise TypeError(f"overflow must be an OverflowPolicy, got {overflow!r}")
