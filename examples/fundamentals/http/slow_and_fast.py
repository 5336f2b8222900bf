"""An ASGI app with one slow route and fast ones, which records the order it answered.

`/slow` stands for a slow backend call: it waits until every fast request
has been answered, or `SLOW_S` seconds at most. Waiting on an event rather
than sleeping makes the order deterministic on a loaded machine: where the
fast requests can get through (HTTP/2, several connections), the slow one
always finishes last; where they are stuck behind it (one HTTP/1.1
connection), it waits out its `SLOW_S` and finishes first.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

SLOW_S = 2.0  # the slow call's duration when nothing releases it early


class SlowAndFast:
    """Answers `/slow` and `/fast`; records connections, versions and finish order."""

    def __init__(self, fast_requests: int) -> None:
        self.fast_requests = fast_requests
        self.slow_arrived = threading.Event()  # the client thread waits on it
        self.fast_answered = 0
        self.all_fast_answered = asyncio.Event()  # bound to the server's loop on use
        self.connections: set[tuple[str, int]] = set()
        self.versions: set[str] = set()
        self.finished: list[str] = []  # "S" or "F", in the order bodies were sent

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return  # lifespan events: nothing to set up
        self.connections.add(tuple(scope["client"]))
        self.versions.add(scope["http_version"])
        if scope["path"] == "/slow":
            self.slow_arrived.set()
            # A timeout is no error: nobody got through, so the call took its time.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.all_fast_answered.wait(), SLOW_S)
        elif scope["path"] != "/fast":
            await respond(send, 404, b"not found")
            return
        await respond(send, 200, scope["path"].encode())
        if scope["path"] == "/slow":
            self.finished.append("S")
            return
        self.finished.append("F")
        self.fast_answered += 1
        if self.fast_answered == self.fast_requests:
            self.all_fast_answered.set()


async def respond(send: Any, status: int, body: bytes) -> None:
    """Send a whole response with a Content-Length."""
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
