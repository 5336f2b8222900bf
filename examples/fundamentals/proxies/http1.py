"""Just enough HTTP/1.1 for the proxy examples: read one message, write one.

Bodies are framed by Content-Length only. Anything a second parser could read
differently is refused rather than guessed at (RFC 9112, sections 2.2, 5.1 and
6.3; RFC 9110, section 5.5): that is the rule that stops request smuggling.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass, field
from http import HTTPStatus

MAX_HEAD = 16 * 1024  # bytes; a longer head is refused, not buffered forever
MAX_BODY = 1024 * 1024  # bytes; NGINX's client_max_body_size default is also 1 MiB
REASONS = {
    100: "Continue",
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    408: "Request Timeout",
    413: "Content Too Large",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class BadMessage(Exception):
    """The bytes are not a message this parser will frame; `status` says why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class Message:
    """A request (`start` is "GET / HTTP/1.1") or a response ("HTTP/1.1 200 OK")."""

    start: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    bodyless: bool = False  # a response that has no body whatever its headers say

    def get(self, name: str) -> list[str]:
        """Every value of header `name`, in order (names ignore case)."""
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def status(self) -> int:
        return int(self.start.split()[1])

    @property
    def method(self) -> str:
        return self.start.split()[0]

    def encode(self) -> bytes:
        lines = [self.start]
        if self.bodyless:  # a HEAD answer keeps the length the GET would have had
            lines += [f"{k}: {v}" for k, v in self.headers]
        else:
            lines += [
                f"{k}: {v}" for k, v in self.headers if k.lower() != "content-length"
            ]
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def response(status: int, body: bytes = b"", **headers: str) -> Message:
    fields = [(k.replace("_", "-"), v) for k, v in headers.items()]
    # RFC 9110's phrases; Python 3.11's HTTPStatus still has the RFC 7231 ones
    # for a few (413 "Request Entity Too Large"), so the table above wins.
    phrase = REASONS.get(status) or HTTPStatus(status).phrase
    return Message(f"HTTP/1.1 {status} {phrase}", fields, body)


# --8<-- [start:framing]
TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110, 5.6.2
# RFC 9112, 3: method SP request-target SP HTTP-version
REQUEST_LINE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+ [!-~]+ HTTP/1\.[01]")
STATUS_LINE = re.compile(r"HTTP/1\.[01] [1-5][0-9][0-9]( .*)?")
DIGITS = re.compile(r"[0-9]{1,15}")  # ASCII only: "²".isdigit() is True


def body_length(headers: list[tuple[str, str]]) -> int:
    """How many body bytes follow this head, or BadMessage if it is ambiguous."""
    names = {name.lower() for name, _ in headers}
    if "transfer-encoding" in names and "content-length" in names:
        # RFC 9112, 6.3: "ought to be handled as an error". Two parsers that
        # pick different headers here see different request boundaries.
        raise BadMessage(400, "both Transfer-Encoding and Content-Length")
    if "transfer-encoding" in names:
        codings = ",".join(v for k, v in headers if k.lower() == "transfer-encoding")
        if codings.split(",")[-1].strip().lower() != "chunked":
            raise BadMessage(400, "chunked is not the final transfer coding")  # 6.3
        raise BadMessage(501, "transfer codings are not implemented here")
    values = {v for k, v in headers if k.lower() == "content-length"}
    if not values:
        return 0
    if len(values) > 1 or not all(DIGITS.fullmatch(v) for v in values):
        raise BadMessage(400, f"invalid Content-Length {sorted(values)}")
    return int(values.pop())


def parse_head(
    head: bytes, *, answer: bool = False
) -> tuple[str, list[tuple[str, str]]]:
    """The start line and the header fields of a head that ends in CRLF CRLF."""
    start, *lines = head.decode("latin-1").split("\r\n")[:-2]
    if any(c in line for line in (start, *lines) for c in "\r\n\0"):
        # RFC 9112, 2.2: a recipient MAY end a line at a bare LF. One that does
        # sees header lines this parser read as part of a value.
        raise BadMessage(400, "bare CR, LF or NUL in the head")
    headers = []
    for line in lines:
        name, colon, value = line.partition(":")
        if answer:  # 5.1: a proxy MUST remove such whitespace from a response
            name = name.rstrip(" \t")
        if not colon or not TOKEN.fullmatch(name):
            # RFC 9112, 5.1: whitespace before the colon MUST get a 400; a
            # leading space is obs-fold (5.2), which a server may refuse.
            raise BadMessage(400, f"malformed header line {line!r}")
        headers.append((name, value.strip(" \t")))
    return start, headers


# --8<-- [end:framing]


async def read_message(
    reader: asyncio.StreamReader, *, max_body: int = MAX_BODY
) -> Message | None:
    """One request from the stream; None if the peer closed before sending one."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            return None
        raise BadMessage(400, "connection closed inside a head") from error
    except asyncio.LimitOverrunError as error:
        raise BadMessage(400, "head too long") from error
    start, headers = parse_head(head)
    if not REQUEST_LINE.fullmatch(start):
        raise BadMessage(400, f"bad request line {start!r}")
    length = body_length(headers)
    if length > max_body:
        raise BadMessage(413, f"body of {length} bytes is over {max_body}")
    try:
        body = await reader.readexactly(length)
    except asyncio.IncompleteReadError as error:
        raise BadMessage(400, "connection closed inside a body") from error
    return Message(start, headers, body)


async def read_response(reader: asyncio.StreamReader, method: str) -> Message | None:
    """The final answer to a `method` request: 1xx skipped, no body where none can be.

    RFC 9112, 6.3: answers to HEAD and 1xx, 204 and 304 answers end at the
    blank line, whatever their Content-Length says.
    """
    while True:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            if not error.partial:
                return None
            raise BadMessage(502, "backend closed inside a head") from error
        except asyncio.LimitOverrunError as error:
            raise BadMessage(502, "backend head too long") from error
        start, headers = parse_head(head, answer=True)
        if not STATUS_LINE.fullmatch(start):
            raise BadMessage(502, f"bad status line {start!r}")
        answer = Message(start, headers)
        if 100 <= answer.status < 200:
            continue  # interim (100 Continue): the final answer follows
        if method == "HEAD" or answer.status in (204, 304):
            answer.bodyless = True
            return answer
        try:
            answer.body = await reader.readexactly(body_length(headers))
        except asyncio.IncompleteReadError as error:
            raise BadMessage(502, "backend closed inside a body") from error
        return answer


async def open_stream(
    host: str, port: int, local_addr: tuple[str, int] | None = None
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection whose reader refuses heads longer than MAX_HEAD."""
    return await asyncio.open_connection(
        host, port, limit=MAX_HEAD, local_addr=local_addr
    )


async def close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(ConnectionError, OSError):
        await writer.wait_closed()  # the peer may have gone first


async def fetch(
    address: tuple[str, int],
    request: Message,
    *,
    timeout_s: float,
    source: str | None = None,
) -> Message:
    """Send one request on a new connection and read the answer, within timeout_s."""
    async with asyncio.timeout(timeout_s):
        local = (source, 0) if source else None
        reader, writer = await open_stream(*address, local_addr=local)
        try:
            writer.write(request.encode())
            await writer.drain()
            answer = await read_response(reader, request.method)
        finally:
            await close(writer)
    if answer is None:
        raise ConnectionError("the server closed the connection without answering")
    return answer


def get(path: str = "/", *headers: tuple[str, str]) -> Message:
    return Message(f"GET {path} HTTP/1.1", [("Host", "example.test"), *headers])
