"""Processor webhooks: at-least-once, out of order, applied exactly once.

The event id is recorded in the same transaction as the effect it causes, so
a repeat finds it and changes nothing; the payment row lock orders two
different events for one payment; the state machine decides what an event
means: a step forward, a stale report, or a refusal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from enum import StrEnum

import psycopg

from examples.system_design.payments.bookkeeping import advance
from examples.system_design.payments.processor import Event
from examples.system_design.payments.states import IllegalTransitionError, PaymentStatus


class Outcome(StrEnum):
    APPLIED = "applied"  # the payment moved
    STALE = "stale"  # the payment was already there or past it
    REFUSED = "refused"  # no legal path: kept for a person to look at
    DUPLICATE = "duplicate"  # this event id was handled before


class BadSignatureError(ValueError):
    """The body was not signed with the shared webhook secret, or not recently."""


# Stripe's scheme, in outline: the header carries a timestamp and an HMAC over
# "timestamp.body", and deliveries older than the tolerance are refused, so a
# captured request cannot be replayed once the window has passed.
TOLERANCE_SECONDS = 300
MAX_BODY_BYTES = 64 * 1024  # events are small: refuse a huge body before reading on


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    """The signature header the processor sends: `t=<unix time>,v1=<hex HMAC>`."""
    signed = str(timestamp).encode() + b"." + body
    return f"t={timestamp},v1={hmac.new(secret, signed, hashlib.sha256).hexdigest()}"


# --8<-- [start:verify]
def verify(secret: bytes, body: bytes, header: str | None, now: float) -> None:
    """Raise BadSignatureError unless `header` signs `body` within the tolerance."""
    if header is None or not header.isascii():
        raise BadSignatureError("missing or malformed webhook signature")
    fields = dict(part.partition("=")[::2] for part in header.split(","))
    stamp, given = fields.get("t", ""), fields.get("v1", "")
    if not (stamp.isdigit() and len(stamp) <= 12):
        raise BadSignatureError("missing or malformed webhook signature")
    if abs(now - int(stamp)) > TOLERANCE_SECONDS:
        raise BadSignatureError("webhook timestamp outside the tolerance")
    expected = sign(secret, body, int(stamp)).partition(",v1=")[2]
    if not hmac.compare_digest(expected.encode(), given.encode()):  # bytes
        raise BadSignatureError("missing or malformed webhook signature")


# --8<-- [end:verify]


def parse_signed(secret: bytes, body: bytes, header: str | None, now: float) -> Event:
    """The event in `body`, if `header` proves the processor sent it recently."""
    if len(body) > MAX_BODY_BYTES:
        raise ValueError(f"an event body is at most {MAX_BODY_BYTES} bytes")
    verify(secret, body, header, now)
    data = json.loads(body)
    if not isinstance(data, dict) or set(data) != {"id", "reference", "status"}:
        raise ValueError("an event has exactly the fields id, reference and status")
    if not all(isinstance(v, str) and v for v in data.values()):
        raise ValueError("event fields must be non-empty strings")
    uuid.UUID(data["reference"])  # ValueError if it is not one of our payment ids
    if data["status"] not in ("succeeded", "failed", "refunded"):
        raise ValueError(f"a processor event cannot report {data['status']!r}")
    return Event(**data)


def event_body(event: Event) -> bytes:
    """The JSON the processor posts for `event`."""
    fields = {"id": event.id, "reference": event.reference, "status": event.status}
    return json.dumps(fields).encode()


# --8<-- [start:handle]
def handle_event(conn: psycopg.Connection, event: Event) -> Outcome:
    """Apply one delivery of `event`; safe to call any number of times, concurrently."""
    target = PaymentStatus(event.status)  # ValueError for a status we do not know
    payment_id = uuid.UUID(event.reference)
    with conn.transaction():
        first = conn.execute(
            "INSERT INTO processor_events (event_id, payment_id, status, outcome)"
            " VALUES (%s, %s, %s, 'applied') ON CONFLICT (event_id) DO NOTHING"
            " RETURNING event_id",
            (event.id, payment_id, target),
        ).fetchone()
        if first is None:
            return Outcome.DUPLICATE  # its effect committed with its id
        try:
            steps = advance(conn, payment_id, target)
        except IllegalTransitionError:
            outcome = Outcome.REFUSED  # advance wrote nothing before refusing
        else:
            outcome = Outcome.APPLIED if steps else Outcome.STALE
        conn.execute(
            "UPDATE processor_events SET outcome = %s WHERE event_id = %s",
            (outcome, event.id),
        )
    return outcome


# --8<-- [end:handle]
