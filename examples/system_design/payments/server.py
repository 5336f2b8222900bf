"""Serve the payments app with uvicorn on a free loopback port, in a background thread.

The socket, the startup deadline and the shutdown are examples/uvicorn_server.py's;
this yields the base URL the clients in the examples and tests call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from examples import uvicorn_server


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run `app` until the block ends; yield its base URL, http://127.0.0.1:<port>."""
    with uvicorn_server.serve(app, lifespan="off") as port:
        yield f"http://127.0.0.1:{port}"
