"""POST /webhooks/test: the server fetches a URL the user typed. An SSRF target."""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from examples.security.web.ssrf_fetch import Fetched, FetchRefused

PREVIEW_BYTES = 200
log = logging.getLogger(__name__)


class WebhookTest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2048)


class Preview(BaseModel):
    status: int | None  # None: a file: URL, which only the vulnerable fetcher reads
    preview: str


class Refusal(BaseModel):
    detail: str


# What the OpenAPI document says besides 200 and 422: two fixed refusals, and
# FastAPI's own 400 for a body it cannot decode, all as {"detail": ...}.
REFUSALS: dict[int | str, dict[str, object]] = {
    400: {"model": Refusal, "description": "Not allowed, or not decodable"},
    502: {"model": Refusal, "description": "The URL could not be fetched"},
}


# --8<-- [start:app]
def create_app(fetch: Callable[[str], Fetched]) -> FastAPI:
    app = FastAPI()

    @app.post("/webhooks/test", responses=REFUSALS)
    def test_webhook(body: WebhookTest) -> Preview:
        try:
            fetched = fetch(body.url)
        except FetchRefused as refused:
            # The reason stays in our logs: "resolves to a blocked address" would
            # tell a caller which names exist inside (internal DNS) and which not.
            log.warning("webhook test url refused: %s", refused)
            raise HTTPException(400, "the URL is not allowed") from None
        except (OSError, http.client.HTTPException):
            # One message for refused, reset and timed out: differing errors would
            # let a caller map which internal ports are open (blind SSRF).
            raise HTTPException(502, "the URL could not be fetched") from None
        preview = fetched.body[:PREVIEW_BYTES].decode("utf-8", "replace")
        return Preview(status=fetched.status, preview=preview)

    return app


# --8<-- [end:app]
