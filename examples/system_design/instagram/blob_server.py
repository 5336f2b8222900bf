"""A tiny object store that takes uploads only through signed URLs.

It stands in for S3 or GCS in the upload examples: PUT /blobs/<key> with a
signature from signed_urls.py stores the body once. A second app, served on
an internal address only, answers HEAD /blobs/<key> with the size and SHA-256
that the API server checks before it creates a post. Objects live in memory:
this is about the checks, not about disks.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel

from examples.apis.rest.problem_details import (
    install_problem_handlers,
    problem_responses,
)
from examples.system_design.instagram.signed_urls import SignatureError, verify


@dataclass(frozen=True)
class StoredObject:
    content_type: str
    body: bytes
    sha256: str


class ObjectStore:
    """Write-once objects by key, safe to share between threads."""

    def __init__(self) -> None:
        self._objects: dict[str, StoredObject] = {}
        self._lock = threading.Lock()

    def put_new(self, key: str, content_type: str, body: bytes) -> bool:
        """Store `body` under `key` unless the key exists; say whether it did."""
        stored = StoredObject(content_type, body, hashlib.sha256(body).hexdigest())
        with self._lock:
            if key in self._objects:
                return False
            self._objects[key] = stored
            return True

    def get(self, key: str) -> StoredObject | None:
        with self._lock:
            return self._objects.get(key)

    def __len__(self) -> int:
        with self._lock:
            return len(self._objects)


class Stored(BaseModel):
    bytes: int


# The route reads the signature fields and the body itself (to check and count
# them), so the OpenAPI document is told what it takes. Missing or malformed
# fields fail the signature: a 403, as S3 answers.
PUT_REQUEST = {
    "parameters": [
        {"name": name, "in": "query", "required": True, "schema": schema}
        for name, schema in [
            ("ct", {"type": "string"}),  # the signed content type
            ("max", {"type": "integer"}),  # the largest body, in bytes
            ("exp", {"type": "integer"}),  # when the URL expires, Unix seconds
            ("sig", {"type": "string"}),  # HMAC-SHA256, hex
        ]
    ],
    "requestBody": {
        "required": True,
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}}
            for media_type in ("image/jpeg", "image/png")  # what grants allow
        },
    },
}
PUT_RESPONSES: dict[int | str, Any] = problem_responses(
    {
        403: "No valid, unexpired signature for this key",
        409: "The key holds an object already; keys are written once",
        413: "The body is larger than the signed maximum",
        415: "Not the signed content type",
    }
)


# --8<-- [start:put]
def create_blob_app(
    secret: bytes, store: ObjectStore, clock: Callable[[], float]
) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)  # RFC 9457 problems, as the document says

    @app.put(
        "/blobs/{key:path}",
        status_code=201,
        response_model=Stored,
        responses=PUT_RESPONSES,
        openapi_extra=PUT_REQUEST,
    )
    async def put_blob(key: str, request: Request) -> dict[str, int]:
        try:
            policy = verify(secret, "PUT", key, request.query_params, clock())
        except SignatureError as error:
            raise HTTPException(403, str(error)) from error
        content_type = request.headers.get("content-type", "")
        if content_type != policy.content_type:
            raise HTTPException(415, "not the signed content type")
        declared = request.headers.get("content-length")
        if declared is not None and int(declared) > policy.max_bytes:
            raise HTTPException(413, "body larger than the signed maximum")
        # A chunked body declares no length: count while reading, and stop at
        # the limit instead of buffering whatever the client keeps sending.
        body = bytearray()
        async for piece in request.stream():
            body += piece
            if len(body) > policy.max_bytes:
                raise HTTPException(413, "body larger than the signed maximum")
        if not store.put_new(policy.key, content_type, bytes(body)):
            raise HTTPException(409, "object exists; keys are written once")
        return {"bytes": len(body)}

    # --8<-- [end:put]

    return app


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "required": True, "schema": {"type": "string"}}


# Answers without a body: the document lists the headers, and no content.
STAT_RESPONSES: dict[int | str, Any] = {
    200: {
        "description": "The object exists",
        "headers": {
            "x-sha256": _header("SHA-256 of the body, hex"),
            "x-size": _header("The body's length in bytes"),
        },
    },
    404: {"description": "No object has this key"},
}


def create_stat_app(store: ObjectStore) -> FastAPI:
    """Size and hash of each object, for the API server only.

    A separate app on an internal listener: the public app above answers
    nothing but signed PUTs, so nobody outside can probe which keys exist
    or learn an object's hash.
    """
    app = FastAPI()

    @app.head("/blobs/{key:path}", response_class=Response, responses=STAT_RESPONSES)
    async def stat_blob(key: str) -> Response:
        stored = store.get(key)
        if stored is None:
            return Response(status_code=404)
        headers = {"x-sha256": stored.sha256, "x-size": str(len(stored.body))}
        return Response(status_code=200, headers=headers)

    return app
