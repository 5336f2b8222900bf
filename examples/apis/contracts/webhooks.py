"""Signed webhooks: HMAC-SHA256 over timestamp + "." + body, replay-proof.

The sender signs with every key in its ring during a rotation, so receivers on
the old key and on the new one both accept. The receiver checks the MAC in
constant time (KeyRing from the web security page), refuses timestamps outside
five minutes, and remembers what it accepted inside that window, so a captured
request replayed a minute later is refused too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi import FastAPI, Request, Response

from examples.apis.rest.problem_details import PROBLEM_TYPES, problem_response
from examples.security.web.signing_keys import TOLERANCE_SECONDS, BadSignature, KeyRing

SIGNATURE_HEADER = "Webhook-Signature"
MAX_SIGNATURES = 4  # a header with hundreds would make us compute hundreds of MACs


# --8<-- [start:sign]
def sign(body: bytes, rings: list[KeyRing], timestamp: int) -> dict[str, str]:
    """One 'kid.timestamp.hex' signature per ring: two while keys rotate."""
    return {SIGNATURE_HEADER: ", ".join(ring.sign(body, timestamp) for ring in rings)}


# --8<-- [end:sign]


# --8<-- [start:verify]
class WebhookVerifier:
    def __init__(self, ring: KeyRing, clock: Callable[[], int]) -> None:
        self.ring = ring
        self.clock = clock
        self.seen: dict[str, int] = {}  # accepted (timestamp, body) -> timestamp

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
        # Forget what is outside the window: the timestamp check refuses it now.
        for key, seen_at in list(self.seen.items()):
            if abs(now - seen_at) > TOLERANCE_SECONDS:
                del self.seen[key]
        key = hashlib.sha256(b"%d." % stamp + body).hexdigest()
        if key in self.seen:
            raise BadSignature("this delivery was already accepted")
        self.seen[key] = stamp


# --8<-- [end:verify]


# --8<-- [start:app]
def create_app(verifier: WebhookVerifier) -> FastAPI:
    app = FastAPI()

    @app.post("/webhooks/orders", status_code=204)
    async def receive(request: Request) -> Response:
        body = await request.body()  # the exact bytes signed, before any parsing
        try:
            verifier.verify(body, request.headers.get(SIGNATURE_HEADER, ""))
        except BadSignature:
            # One answer for every failure: the reason would coach a forger.
            return problem_response(
                request,
                401,
                title="Bad webhook signature",
                detail="The signature is missing, wrong, stale or replayed.",
                type_=PROBLEM_TYPES + "bad-signature",
            )
        return Response(status_code=204)

    return app


# --8<-- [end:app]
