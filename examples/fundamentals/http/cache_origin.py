"""An ASGI origin for the caching demo: one body under three Cache-Control policies.

Every route sends an ETag. A request whose If-None-Match names the current
tag gets 304 Not Modified with no body (RFC 9110 sections 13.1.2 and
15.4.5). The origin counts the 200s and 304s it sent, so the demo can show
how often a cache had to ask.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

POLICIES = {
    "/max-age": b"max-age=60",
    "/no-cache": b"no-cache",
    "/no-store": b"no-store",
}
ETAG = b'"v1"'  # the representation never changes here
BODY = b"price list"


class CacheOrigin:
    """Answers GET on each path in POLICIES; counts (path, status) pairs sent."""

    def __init__(self) -> None:
        self.sent: Counter[tuple[str, int]] = Counter()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return  # lifespan events: nothing to set up
        path = scope["path"]
        if path not in POLICIES:
            await reply(send, 404, [], b"not found")
            return
        headers = [(b"cache-control", POLICIES[path]), (b"etag", ETAG)]
        asked = dict(scope["headers"]).get(b"if-none-match", b"")
        if {ETAG, b"*"} & {tag.strip() for tag in asked.split(b",")}:
            status, body = 304, b""  # the cache's copy is current: no body
        else:
            status, body = 200, BODY
        self.sent[path, status] += 1
        await reply(send, status, headers, body)


async def reply(send: Any, status: int, headers: list, body: bytes) -> None:
    """Send one response; a 304 carries no Content-Length of its own body."""
    if status != 304:
        headers = [*headers, (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
