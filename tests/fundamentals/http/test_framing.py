"""Framing: uvicorn frames each body as the page says, and `framing` reads the head right."""

from __future__ import annotations

from examples.fundamentals.http.framing import REQUESTS, exchange, framing
from examples.fundamentals.http.origin import Origin
from examples.uvicorn_server import serve


def test_each_request_gets_the_framing_the_page_shows() -> None:
    with serve(Origin(), http="h11") as port:
        seen = {label: framing(exchange(port, request)) for label, request in REQUESTS.items()}
    assert seen == {
        "Content-Length": ("content-length: 5", b"hello"),
        "chunked": ("Transfer-Encoding: chunked", b"4\r\none \r\n3\r\ntwo\r\n0\r\n\r\n"),
        "close": ("(neither)", b"one two"),
        "HEAD": ("content-length: 5", b""),  # the length of the GET body, not sent
    }


def test_two_pipelined_requests_come_back_framed_and_in_request_order() -> None:
    two = b"GET /stream HTTP/1.1\r\nHost: a\r\n\r\n" + REQUESTS["Content-Length"]
    with serve(Origin(), http="h11") as port:
        raw = exchange(port, two)
    first, second = raw.split(b"HTTP/1.1 200 OK")[1:]
    assert first.endswith(b"\r\n\r\n4\r\none \r\n3\r\ntwo\r\n0\r\n\r\n")  # /stream
    assert second.endswith(b"\r\n\r\nhello")  # /fixed, sent second, answered second


def test_framing_without_a_framing_header_says_neither() -> None:
    assert framing(b"HTTP/1.1 204 No Content\r\nx-a: 1\r\n\r\n") == ("(neither)", b"")
