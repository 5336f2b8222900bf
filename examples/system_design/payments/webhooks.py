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
    """The body was not signed with the shared webhook secret."""


def sign(secret: bytes, body: bytes) -> str:
    """The signature header value the processor sends: HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def parse_signed(secret: bytes, body: bytes, signature: str | None) -> Event:
    """The event in `body`, if `signature` proves the processor sent it."""
    if signature is None or not hmac.compare_digest(sign(secret, body), signature):
        raise BadSignatureError("missing or wrong webhook signature")
    data = json.loads(body)
    if not isinstance(data, dict) or set(data) != {"id", "reference", "status"}:
        raise ValueError("an event has exactly the fields id, reference and status")
    if not all(isinstance(v, str) and v for v in data.values()):
        raise ValueError("event fields must be non-empty strings")
    uuid.UUID(data["reference"])  # ValueError if it is not one of our payment ids
    PaymentStatus(data["status"])  # ValueError for a status we do not know
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
