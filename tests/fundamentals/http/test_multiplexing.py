"""Multiplexing: HTTP/2 answers fast requests past a slow one on one connection;
one HTTP/1.1 connection cannot; six HTTP/1.1 connections can."""

from __future__ import annotations

import asyncio

from examples.fundamentals.http.multiplexing import FAST, Run, run
from examples.fundamentals.http.slow_and_fast import SlowAndFast, respond

FAST_THEN_SLOW = " ".join(["F"] * FAST + ["S"])
SLOW_THEN_FAST = " ".join(["S"] + ["F"] * FAST)


def test_http2_serves_fast_requests_past_the_slow_one_on_one_connection() -> None:
    assert run(http2=True, connections=1) == Run(1, {"HTTP/2"}, FAST_THEN_SLOW)


def test_one_http11_connection_makes_fast_requests_wait_behind_the_slow_one() -> None:
    assert run(http2=False, connections=1) == Run(1, {"HTTP/1.1"}, SLOW_THEN_FAST)


def test_six_http11_connections_buy_the_parallelism_with_six_connections() -> None:
    assert run(http2=False, connections=6) == Run(6, {"HTTP/1.1"}, FAST_THEN_SLOW)


def test_an_unknown_path_is_a_404_and_not_counted_as_fast() -> None:
    app = SlowAndFast(fast_requests=1)
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "path": "/nope", "client": ("127.0.0.1", 1), "http_version": "2"}
    asyncio.run(app(scope, None, send))
    assert sent[0]["status"] == 404
    assert (app.fast_answered, app.finished) == (0, [])


def test_respond_frames_the_body_with_its_length() -> None:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(respond(send, 200, b"hello"))
    assert (b"content-length", b"5") in sent[0]["headers"]
    assert sent[1]["body"] == b"hello"
