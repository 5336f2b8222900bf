"""Idempotency keys on PostgreSQL: claim a key, replay its response, refuse misuse.

A key row holds the request's fingerprint, the payment it created, a lease
while a request works on it, and finally the response. The row and the
pending payment are written in one transaction (claim); the response is
written in the same transaction as the payment's final status and its
ledger entry (complete). Between the two, the processor is called with no
transaction open.

A key expires `ttl_seconds` after its response was stored (7 days in the
service); then the same key is a new request, a new payment. A key whose
request never finished does not expire: its retry resumes that payment. Time
is the database's clock, one for every app server.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb


class IdempotencyKeyReusedError(Exception):
    """The key was first used for a different request."""


class RequestInFlightError(Exception):
    """Another request with this key is still being processed."""


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict[str, Any]
    replayed: bool  # True when the response is the stored one, sent again


# --8<-- [start:fingerprint]
def fingerprint(method: str, path: str, body: Mapping[str, Any]) -> bytes:
    """SHA-256 of the request's meaning: key order and spacing do not count."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).digest()


# --8<-- [end:fingerprint]


# --8<-- [start:claim]
def claim(
    conn: psycopg.Connection,
    merchant_id: str,
    key: str,
    digest: bytes,
    lease_seconds: float,
) -> tuple[uuid.UUID, bool] | StoredResponse:
    """Inside a transaction: (payment id, is new) to work on, or the stored response.

    A concurrent first request holding the same key makes the INSERT wait
    for its commit; then this one sees the row and decides from it. An
    expired key is taken over as if it were new.
    """
    new_id = uuid.uuid4()
    inserted = conn.execute(
        "INSERT INTO idempotency_keys AS k (merchant_id, key, fingerprint, payment_id,"
        " locked_until) VALUES (%s, %s, %s, %s, now() + make_interval(secs => %s))"
        " ON CONFLICT (merchant_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,"
        " payment_id = excluded.payment_id, locked_until = excluded.locked_until,"
        " response_status = NULL, response_body = NULL, expires_at = NULL,"
        " created_at = now() WHERE k.expires_at <= now()"  # expired: forget it
        " RETURNING payment_id",
        (merchant_id, key, digest, new_id, lease_seconds),
    ).fetchone()
    if inserted is not None:
        return new_id, True
    row = conn.execute(
        "SELECT fingerprint, payment_id, response_status, response_body,"
        " locked_until > now() FROM idempotency_keys"
        " WHERE merchant_id = %s AND key = %s FOR UPDATE",
        (merchant_id, key),
    ).fetchone()
    assert row is not None  # the conflicting row is committed: we waited for it
    stored_digest, payment_id, status, body, busy = row
    if bytes(stored_digest) != digest:
        raise IdempotencyKeyReusedError(f"key {key!r} was used for another request")
    if status is not None:
        return StoredResponse(status, body, replayed=True)
    if busy:
        raise RequestInFlightError(f"a request with key {key!r} is in progress")
    # The lease ran out (the first request's process died, or gave up on an
    # unknown outcome): this request takes over the same payment.
    conn.execute(
        "UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => %s)"
        " WHERE merchant_id = %s AND key = %s",
        (lease_seconds, merchant_id, key),
    )
    return payment_id, False


# --8<-- [end:claim]


# --8<-- [start:complete]
def complete(
    conn: psycopg.Connection,
    merchant_id: str,
    key: str,
    response: StoredResponse,
    ttl_seconds: float,
) -> StoredResponse:
    """Inside the transaction that made the effect: store the response, end the lease.

    The key is replayed for `ttl_seconds` from now, then forgotten. If another
    request finished this key first (our lease had run out), its response
    stands and is returned instead.
    """
    done = conn.execute(
        "UPDATE idempotency_keys SET response_status = %s, response_body = %s,"
        " locked_until = NULL, expires_at = now() + make_interval(secs => %s)"
        " WHERE merchant_id = %s AND key = %s AND response_status IS NULL",
        (response.status, Jsonb(response.body), ttl_seconds, merchant_id, key),
    )
    if done.rowcount == 1:
        return response
    row = conn.execute(
        "SELECT response_status, response_body FROM idempotency_keys"
        " WHERE merchant_id = %s AND key = %s",
        (merchant_id, key),
    ).fetchone()
    assert row is not None
    return StoredResponse(row[0], row[1], replayed=True)


# --8<-- [end:complete]


def release(conn: psycopg.Connection, merchant_id: str, key: str) -> None:
    """End the lease without a response: the next request with this key resumes."""
    conn.execute(
        "UPDATE idempotency_keys SET locked_until = now()"
        " WHERE merchant_id = %s AND key = %s AND response_status IS NULL",
        (merchant_id, key),
    )
