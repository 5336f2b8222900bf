"""Signed webhooks: HMAC-SHA256 over timestamp + "." + body, replay-proof.

The sender signs with every key in its ring during a rotation, so receivers on
the old key and on the new one both accept. The receiver checks the MAC in
constant time (KeyRing from the web security page), refuses timestamps outside
five minutes, and remembers what it accepted inside that window, so a captured
request replayed a minute later is refused too.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable

from fastapi import FastAPI, Request, Response

from examples.apis.rest.problem_details import (
    PROBLEM_TYPES,
    problem_response,
    problem_responses,
)
from examples.security.web.signing_keys import TOLERANCE_SECONDS, BadSignature, KeyRing

SIGNATURE_HEADER = "Webhook-Signature"
MAX_SIGNATURES = 4  # a header with hundreds would make us compute hundreds of MACs
MAX_BODY_BYTES = 64 * 1024  # larger bodies get 413 before any MAC is computed
MAX_SEEN = 100_000  # replay cache cap: about 10 MB of keys; full -> 503, retry later


# --8<-- [start:sign]
def sign(body: bytes, rings: list[KeyRing], timestamp: int) -> dict[str, str]:
    """One 'kid.timestamp.hex' signature per ring: two while keys rotate."""
    return {SIGNATURE_HEADER: ", ".join(ring.sign(body, timestamp) for ring in rings)}


# --8<-- [end:sign]


# --8<-- [start:verify]
class ReplayCacheFull(Exception):
    """More fresh deliveries than the cache holds: refuse rather than forget."""


class WebhookVerifier:
    def __init__(
        self, ring: KeyRing, clock: Callable[[], int], max_seen: int = MAX_SEEN
    ) -> None:
        self.ring = ring
        self.clock = clock
        self.max_seen = max_seen
        self.seen: set[str] = set()  # accepted sha256(timestamp + "." + body)
        self.expiry: list[tuple[int, str]] = []  # heap of (timestamp, key)

    def verify(self, body: bytes, header: str) -> None:
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
            self._refuse_replay(stamp, body, now)
            return
        raise BadSignature("no valid signature")

    def _refuse_replay(self, stamp: int, body: bytes, now: int) -> None:
        # Forget, oldest first, what the timestamp check now refuses anyway:
        # each entry leaves once, so a delivery costs O(log n), not O(n).
        while self.expiry and now - self.expiry[0][0] > TOLERANCE_SECONDS:
            self.seen.discard(heapq.heappop(self.expiry)[1])
        key = hashlib.sha256(b"%d." % stamp + body).hexdigest()
        if key in self.seen:
            raise BadSignature("this delivery was already accepted")
        if len(self.seen) >= self.max_seen:
            raise ReplayCacheFull  # the sender retries later; memory stays bounded
        self.seen.add(key)
        heapq.heappush(self.expiry, (stamp, key))


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
    204: {"description": "Accepted: a valid, fresh signature not seen before"},
    **problem_responses(
        {
            400: "The signature is missing, wrong, stale or replayed",
            413: f"The body is over {MAX_BODY_BYTES} bytes",
            503: "Too many fresh deliveries to remember; retry later",
        }
    ),
}
RECEIVER_RESPONSES[503]["headers"] = {
    "Retry-After": {"description": "Seconds to wait", "schema": {"type": "string"}}
}


# --8<-- [start:app]
def create_app(verifier: WebhookVerifier) -> FastAPI:
    app = FastAPI()

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
            verifier.verify(bytes(body), request.headers.get(SIGNATURE_HEADER, ""))
        except BadSignature:
            # One answer for every failure: the reason would coach a forger.
            # 400, not 401: 401 needs a WWW-Authenticate challenge (RFC 9110
            # 15.5.2), and there is no scheme a sender could answer it with.
            return problem_response(
                request,
                400,
                title="Bad webhook signature",
                detail="The signature is missing, wrong, stale or replayed.",
                type_=PROBLEM_TYPES + "bad-signature",
            )
        except ReplayCacheFull:
            return problem_response(
                request,
                503,
                title="Too many deliveries",
                detail="Retry this delivery later.",
                type_=PROBLEM_TYPES + "busy",
                headers={"Retry-After": "60"},
            )
        return Response(status_code=204)

    return app


# --8<-- [end:app]
