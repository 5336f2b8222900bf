"""Signed webhooks: HMAC-SHA256 over timestamp + "." + body, replay-proof.

The sender signs with every key in its ring during a rotation, so receivers on
the old key and on the new one both accept. The receiver checks the MAC in
constant time (KeyRing from the web security page), refuses timestamps outside
five minutes, and remembers what it accepted inside that window, so a captured
request replayed a minute later is answered 204 and never acted on twice. It
acts on nothing itself: it queues the event and answers at once.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request, Response

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    install_problem_handlers,
    problem_response,
    problem_responses,
)
from examples.security.web.signing_keys import TOLERANCE_SECONDS, BadSignature, KeyRing

SIGNATURE_HEADER = "Webhook-Signature"
MAX_SIGNATURES = 4  # a header with hundreds would make us compute hundreds of MACs
MAX_BODY_BYTES = 64 * 1024  # larger bodies get 413 before any MAC is computed
MAX_SEEN = 100_000  # replay cache cap, about 20 MB (a test measures it); full -> 503


# --8<-- [start:sign]
def sign(body: bytes, rings: list[KeyRing], timestamp: int) -> dict[str, str]:
    """One 'kid.timestamp.hex' signature per ring: two while keys rotate."""
    return {SIGNATURE_HEADER: ", ".join(ring.sign(body, timestamp) for ring in rings)}


# --8<-- [end:sign]


# --8<-- [start:verify]
class ReplayCacheFull(Exception):
    """More fresh deliveries than the cache holds: refuse rather than forget."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry in {retry_after} s")
        self.retry_after = retry_after  # when the oldest entry leaves the window


class WebhookVerifier:
    def __init__(
        self, ring: KeyRing, clock: Callable[[], int], max_seen: int = MAX_SEEN
    ) -> None:
        self.ring = ring
        self.clock = clock
        self.max_seen = max_seen
        self.seen: set[bytes] = set()  # accepted sha256(timestamp + "." + body)
        self.expiry: list[tuple[int, bytes]] = []  # heap of (timestamp, key)

    def verify(self, body: bytes, header: str) -> bool:
        """True for a new delivery, False for one already accepted; else raise."""
        if not header.isascii():
            raise BadSignature("signature header is not ASCII")
        signatures = [part.strip() for part in header.split(",")]
        if not 0 < len(signatures) <= MAX_SIGNATURES:
            raise BadSignature("expected 1 to 4 signatures")
        now = self.clock()
        for signature in signatures:
            try:
                self.ring.verify(body, signature, now)  # MAC, then the window
            except BadSignature:
                continue  # perhaps a key we do not hold yet; try the next
            stamp = int(signature.split(".")[1])
            return self._first_time(stamp, body, now)
        raise BadSignature("no valid signature")

    def _first_time(self, stamp: int, body: bytes, now: int) -> bool:
        # Forget, oldest first, what the timestamp check now refuses anyway:
        # each entry leaves once, so a delivery costs O(log n), not O(n).
        while self.expiry and now - self.expiry[0][0] > TOLERANCE_SECONDS:
            self.seen.discard(heapq.heappop(self.expiry)[1])
        key = hashlib.sha256(b"%d." % stamp + body).digest()
        if key in self.seen:
            return False  # a replay, or a retry after our 204 was lost
        if len(self.seen) >= self.max_seen:  # memory stays bounded
            oldest = self.expiry[0][0]  # leaves once now - oldest > TOLERANCE
            raise ReplayCacheFull(oldest + TOLERANCE_SECONDS + 1 - now)
        self.seen.add(key)
        heapq.heappush(self.expiry, (stamp, key))
        return True


# --8<-- [end:verify]


# What the OpenAPI document says: the handler reads the raw body and the header
# itself (a declared parameter would be parsed before the MAC is checked), so
# both are described here rather than in its signature.
DELIVERY = {
    "parameters": [
        {
            "name": SIGNATURE_HEADER,
            "in": "header",
            "required": True,
            "description": "1 to 4 'kid.timestamp.hex' signatures, comma-separated",
            "schema": {"type": "string"},
        }
    ],
    "requestBody": {
        "required": True,
        "description": f"The event, exactly as signed; at most {MAX_BODY_BYTES} bytes",
        "content": {"application/json": {"schema": {}}},
    },
}
RECEIVER_RESPONSES: dict[int | str, dict[str, object]] = {
    204: {"description": "Accepted (queued), or already accepted before"},
    **problem_responses(
        {
            400: "The signature is missing, wrong or stale",
            413: f"The body is over {MAX_BODY_BYTES} bytes",
            503: "Too many fresh deliveries to remember; retry later",
        }
    ),
}
RECEIVER_RESPONSES[503]["headers"] = {
    "Retry-After": {
        "description": "Seconds until the oldest remembered delivery leaves the window",
        "schema": {"type": "string"},
        "required": True,
    }
}


def never_422(app: FastAPI) -> None:
    """install_problem_handlers documents a 422 for every body; this one is not parsed."""
    documented = app.openapi

    def openapi() -> dict[str, Any]:
        schema = documented()
        for operation in schema["paths"]["/webhooks/orders"].values():
            operation["responses"].pop("422", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# --8<-- [start:app]
def create_app(verifier: WebhookVerifier, enqueue: Callable[[bytes], None]) -> FastAPI:
    """`enqueue` hands the event to a worker: answer in milliseconds, act later."""
    app = FastAPI()
    install_problem_handlers(app)  # 404 and 405 are problem details too
    never_422(app)  # the body is verified, never parsed, so no 422 is sent

    @app.post(
        "/webhooks/orders",
        status_code=204,
        responses=RECEIVER_RESPONSES,
        openapi_extra=DELIVERY,
    )
    async def receive(request: Request) -> Response:
        body = bytearray()  # the exact bytes signed, before any parsing
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:  # stop reading; no MAC over 1 GB
                return problem_response(
                    request,
                    413,
                    title="Webhook body too large",
                    detail=f"Deliveries are limited to {MAX_BODY_BYTES} bytes.",
                    type_=PROBLEM_TYPES + "body-too-large",
                )
        try:
            header = request.headers.get(SIGNATURE_HEADER, "")
            fresh = verifier.verify(bytes(body), header)
        except BadSignature:
            # One answer for every failure: the reason would coach a forger.
            # 400, not 401: 401 needs a WWW-Authenticate challenge (RFC 9110
            # 15.5.2), and there is no scheme a sender could answer it with.
            return problem_response(
                request,
                400,
                title="Bad webhook signature",
                detail="The signature is missing, wrong or stale.",
                type_=PROBLEM_TYPES + "bad-signature",
            )
        except ReplayCacheFull as full:
            return problem_response(
                request,
                503,
                title="Too many deliveries",
                detail="Retry this delivery later.",
                type_=PROBLEM_TYPES + "busy",
                headers={"Retry-After": str(full.retry_after)},
            )
        if fresh:  # a delivery seen before gets 204 too: a sender counts any
            enqueue(bytes(body))  # other status as a failure and retries it
        return Response(status_code=204)

    return app


# --8<-- [end:app]
