"""A tiny ASGI origin for the HTTP examples, and a count of the connections it saw.

`/fixed` answers with a Content-Length; `/stream` sends its body in parts
without one, so the server must frame it some other way. Every request
records the client's (address, port): one pair per TCP connection, so the
number of distinct pairs is the number of connections the server accepted.
"""

from __future__ import annotations

from typing import Any


class Origin:
    """An ASGI app that remembers which connections its requests came on."""

    def __init__(self) -> None:
        self.connections: set[tuple[str, int]] = set()
        self.requests = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return  # lifespan events: nothing to set up
        self.connections.add(tuple(scope["client"]))
        self.requests += 1
        headers = [(b"content-type", b"text/plain")]
        if scope["path"] == "/stream":
            await send(
                {"type": "http.response.start", "status": 200, "headers": headers}
            )
            for part in (b"one ", b"two"):
                await send(
                    {"type": "http.response.body", "body": part, "more_body": True}
                )
            await send({"type": "http.response.body", "body": b""})
            return
        body = b"hello"
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
