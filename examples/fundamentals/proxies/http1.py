"""Just enough HTTP/1.1 for the proxy examples: read one message, write one.

Bodies are framed by Content-Length only. Anything a second parser could read
differently is refused rather than guessed at (RFC 9112, sections 5.1 and
6.3): that is the rule that stops request smuggling.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

MAX_HEAD = 16 * 1024  # bytes; a longer head is refused, not buffered forever
REASONS = {
    200: "OK",
    400: "Bad Request",
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
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() != "content-length"]
        lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def response(status: int, body: bytes = b"", **headers: str) -> Message:
    fields = [(k.replace("_", "-"), v) for k, v in headers.items()]
    return Message(f"HTTP/1.1 {status} {REASONS[status]}", fields, body)


# --8<-- [start:framing]
def body_length(headers: list[tuple[str, str]]) -> int:
    """How many body bytes follow this head, or BadMessage if it is ambiguous."""
    names = {name.lower() for name, _ in headers}
    if "transfer-encoding" in names and "content-length" in names:
        # RFC 9112, 6.3: "ought to be handled as an error". Two parsers that
        # pick different headers here see different request boundaries.
        raise BadMessage(400, "both Transfer-Encoding and Content-Length")
    if "transfer-encoding" in names:
        raise BadMessage(501, "transfer codings are not implemented here")
    values = {v.strip() for k, v in headers if k.lower() == "content-length"}
    if not values:
        return 0
    if len(values) > 1 or not all(part.strip().isdigit() for part in values):
        raise BadMessage(400, f"invalid Content-Length {sorted(values)}")
    return int(values.pop())


def parse_head(head: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The start line and the header fields of a head that ends in CRLF CRLF."""
    start, *lines = head.decode("latin-1").split("\r\n")[:-2]
    headers = []
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            # RFC 9112, 5.1: whitespace before the colon MUST get a 400.
            raise BadMessage(400, f"malformed header line {line!r}")
        headers.append((name, value.strip()))
    return start, headers


# --8<-- [end:framing]


async def read_message(reader: asyncio.StreamReader) -> Message | None:
    """One message from the stream; None if the peer closed before sending one."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            return None
        raise BadMessage(400, "connection closed inside a head") from error
    except asyncio.LimitOverrunError as error:
        raise BadMessage(400, "head too long") from error
    start, headers = parse_head(head)
    body = await reader.readexactly(body_length(headers))
    return Message(start, headers, body)


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
            answer = await read_message(reader)
        finally:
            await close(writer)
    if answer is None:
        raise ConnectionError("the server closed the connection without answering")
    return answer


def get(path: str = "/", *headers: tuple[str, str]) -> Message:
    return Message(f"GET {path} HTTP/1.1", [("Host", "example.test"), *headers])
