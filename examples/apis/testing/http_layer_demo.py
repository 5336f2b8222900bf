"""A bug that a real HTTP server enforces: a body longer than its Content-Length.

A middleware adds a support id to every error body so users can quote it.
The first draft rewrites the body and forgets the Content-Length header that
FastAPI already set. In-process transports hand the test whatever bytes the
app produced with the stale header beside them: a test sees a fine 404 unless
it compares the header with the body. uvicorn frames the response on the
wire, refuses to send more than it declared, and closes the connection: a
real client gets a cut-off response instead of an error it can show.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import httpx2
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from examples import uvicorn_server
from examples.apis.rest.problem_details import PROBLEM_JSON
from examples.apis.testing.fake_orders import FakeOrders
from examples.apis.testing.orders_app import create_app

TIMEOUT_SECONDS = 5.0


def _is_problem(start: Message) -> bool:
    return (b"content-type", PROBLEM_JSON.encode()) in start["headers"]


def _with_support_id(body: bytes, support_id: str) -> bytes:
    return json.dumps({**json.loads(body), "support_id": support_id}).encode()


# --8<-- [start:first_draft]
class SupportIdFirstDraft:
    """Adds "support_id" to problem bodies; leaves Content-Length as it was."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.ids = (f"err-{n}" for n in itertools.count(1))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = False

        async def send_with_id(message: Message) -> None:
            nonlocal problem
            if message["type"] == "http.response.start":
                problem = _is_problem(message)
            elif message["type"] == "http.response.body" and problem:
                body = _with_support_id(message["body"], next(self.ids))
                message = {**message, "body": body}  # longer than declared
            await send(message)

        await self.app(scope, receive, send_with_id)


# --8<-- [end:first_draft]


# --8<-- [start:fixed]
class SupportId(SupportIdFirstDraft):
    """Holds the start message back until the body is whole, then fixes its length."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_with_id(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and _is_problem(message):
                start = message  # send it once the new length is known
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = _with_support_id(b"".join(chunks), next(self.ids))
                headers = [
                    (k, v) for k, v in start["headers"] if k != b"content-length"
                ]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
            else:
                await send(message)

        await self.app(scope, receive, send_with_id)


# --8<-- [end:fixed]


# The two loggers a failed response lands in: uvicorn's, and the app's crash handler.
SERVER_LOGGERS = ("uvicorn.error", "examples.apis.rest.problem_details")


@contextmanager
def server_errors() -> Iterator[set[str]]:
    """The exceptions the server logs while the block runs, kept instead of printed."""
    found: set[str] = set()

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                found.add(f"{type(error).__name__}: {error}")

    handler = Keep()
    loggers = [logging.getLogger(name) for name in SERVER_LOGGERS]
    propagate = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield found
    finally:
        for logger, before in zip(loggers, propagate, strict=True):
            logger.removeHandler(handler)
            logger.propagate = before


def describe(response: httpx2.Response) -> str:
    return f"{response.status_code} {response.json().get('support_id')}"


def the_app(middleware: type[SupportIdFirstDraft]) -> Any:
    app = create_app(lambda: nullcontext(FakeOrders()))
    app.add_middleware(middleware)
    return app


def declared_length(response: httpx2.Response) -> str:
    """Whether Content-Length matches the bytes that came with it."""
    declared, got = int(response.headers["content-length"]), len(response.content)
    return "length ok" if declared == got else f"declares {declared}, has {got}"


# --8<-- [start:both_ways]
def in_process(middleware: type[SupportIdFirstDraft]) -> str:
    """GET a missing order through TestClient: no socket, nothing enforces framing."""
    with TestClient(the_app(middleware)) as client:
        response = client.get("/orders/9")
        return f"{describe(response)}, {declared_length(response)}"


def over_http(middleware: type[SupportIdFirstDraft]) -> tuple[str, list[str]]:
    """The same GET to uvicorn on a free loopback port; and what the server logged."""
    with uvicorn_server.serve(the_app(middleware)) as port, server_errors() as logged:
        try:
            url = f"http://127.0.0.1:{port}/orders/9"
            outcome = describe(httpx2.get(url, timeout=TIMEOUT_SECONDS))
        except httpx2.HTTPError as error:  # the client got a broken response
            outcome = type(error).__name__
    return outcome, sorted(logged)


# --8<-- [end:both_ways]


if __name__ == "__main__":
    # --8<-- [start:run]
    print("first draft, in-process:", in_process(SupportIdFirstDraft))
    #> first draft, in-process: 404 err-1, declares 141, has 173
    outcome, logged = over_http(SupportIdFirstDraft)
    print("first draft, over HTTP:", outcome)
    #> first draft, over HTTP: RemoteProtocolError
    print("the server logged:", *logged)
    #> the server logged: LocalProtocolError: Too much data for declared Content-Length
    print("fixed, in-process:", in_process(SupportId))
    #> fixed, in-process: 404 err-1, length ok
    print("fixed, over HTTP:", *over_http(SupportId))
    #> fixed, over HTTP: 404 err-1 []
    # --8<-- [end:run]
