"""The support-id middleware: the first draft's bad length shows in-process, and breaks over HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from examples.apis.testing.http_layer_demo import (
    SupportId,
    SupportIdFirstDraft,
    in_process,
    over_http,
    server_errors,
)


def test_in_process_the_stale_length_is_there_for_a_test_that_compares_it() -> None:
    # Nothing in-process enforces Content-Length, but the header is visible.
    assert in_process(SupportIdFirstDraft) == "404 err-1, declares 141, has 173"
    assert in_process(SupportId) == "404 err-1, length ok"


def test_over_http_the_first_draft_breaks_the_response_and_the_fix_does_not() -> None:
    assert over_http(SupportIdFirstDraft) == (
        "RemoteProtocolError",
        ["LocalProtocolError: Too much data for declared Content-Length"],
    )
    assert over_http(SupportId) == ("404 err-1", [])


def test_server_errors_restores_the_loggers() -> None:
    logger = logging.getLogger("uvicorn.error")
    before = (list(logger.handlers), logger.propagate)
    with server_errors():
        assert logger.propagate is False
    assert (list(logger.handlers), logger.propagate) == before


async def run(middleware, messages: list[Message]) -> list[Message]:
    """Send `messages` through `middleware` wrapped around a fake app; what comes out."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        for message in messages:
            await send(message)

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    await middleware(app)({"type": "http"}, receive, send)
    return sent


def start(content_type: bytes, length: int) -> Message:
    headers = [(b"content-type", content_type), (b"content-length", str(length).encode())]
    return {"type": "http.response.start", "status": 404, "headers": headers}


def test_the_fix_joins_a_body_sent_in_chunks_and_declares_its_length() -> None:
    body = json.dumps({"title": "Not found"}).encode()
    chunks = [
        {"type": "http.response.body", "body": body[:5], "more_body": True},
        {"type": "http.response.body", "body": body[5:], "more_body": False},
    ]
    sent = anyio.run(run, SupportId, [start(b"application/problem+json", len(body)), *chunks])
    head, out = sent
    assert json.loads(out["body"]) == {"title": "Not found", "support_id": "err-1"}
    assert dict(head["headers"])[b"content-length"] == str(len(out["body"])).encode()
    assert [k for k, _ in head["headers"]].count(b"content-length") == 1


@pytest.mark.parametrize("middleware", [SupportIdFirstDraft, SupportId])
def test_other_responses_pass_through_untouched(middleware) -> None:
    messages = [start(b"application/json", 2), {"type": "http.response.body", "body": b"{}"}]
    assert anyio.run(run, middleware, messages) == messages


def lifespan_app() -> tuple[FastAPI, list[bool]]:
    """An app that records whether its startup ran, and fails on /boom."""
    started: list[bool] = []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started.append(True)
        yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    @app.get("/ok")
    def ok() -> dict:
        return {}

    return app, started


def test_testclient_runs_startup_only_inside_with() -> None:
    app, started = lifespan_app()
    assert TestClient(app).get("/ok").status_code == 200 and started == []
    with TestClient(app) as client:
        client.get("/ok")
    assert started == [True]


def test_asgi_transport_never_runs_startup() -> None:
    app, started = lifespan_app()

    async def call() -> int:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as client:
            return (await client.get("/ok")).status_code

    assert anyio.run(call) == 200 and started == []


def test_testclient_raises_the_app_exception_unless_told_not_to() -> None:
    app, _ = lifespan_app()
    with pytest.raises(RuntimeError, match="boom"):
        TestClient(app).get("/boom")
    assert TestClient(app, raise_server_exceptions=False).get("/boom").status_code == 500
