"""Two stand-ins for the mail API the sign-up calls, on loopback ports.

`mail_api(status)` is a real HTTP server (the standard library's) that
answers every POST with `status` and keeps the JSON bodies it received.
`silent_mail_api()` is worse: a socket that listens and never accepts, so
the kernel completes the TCP handshake and takes the request, and no answer
ever comes. That is what a hung dependency looks like to a client. Closing
it resets the waiting connections, so nothing is left blocked.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class MailApi:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def mail_api(status: int = 202) -> Iterator[MailApi]:
    """An HTTP server answering every POST with `status`, until the block ends."""
    if not 200 <= status <= 599:
        raise ValueError(f"status must be 200-599, not {status}")
    api = MailApi(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server calls
            length = int(self.headers.get("Content-Length", "0"))
            api.received.append(json.loads(self.rfile.read(length) or b"null"))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test and demo output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}/v1/send"
    # A short poll interval: shutdown() waits up to one interval to be noticed.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def silent_mail_api() -> Iterator[str]:
    """A URL whose server takes the connection and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1/send"
    finally:
        listener.close()  # resets connections still waiting in its backlog
