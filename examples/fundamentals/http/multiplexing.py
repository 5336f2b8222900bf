"""One slow request, then five fast ones: HTTP/2 on one connection, HTTP/1.1 on one or six.

Hypercorn serves the app over TLS and offers h2 and http/1.1 by ALPN (the
server from the TLS page). The client is httpx, asynchronous, and sends the
fast requests only once the server has the slow one, so "slow first" is a
fact, not a race. The app records how many connections it accepted, which
HTTP versions it saw, and the order in which it finished the responses.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx2

from examples.fundamentals.http.slow_and_fast import SLOW_S, SlowAndFast
from examples.fundamentals.tls.contexts import client_context
from examples.fundamentals.tls.https_server import serve_https
from examples.fundamentals.tls.local_ca import Authority

NAME = "api.example.test"
FAST = 5
TIMEOUT_S = SLOW_S + 5.0  # longer than the slow route may take
AS_NAME = {"headers": {"host": NAME}, "extensions": {"sni_hostname": NAME}}


@dataclass(frozen=True)
class Run:
    """One run: connections the server accepted, HTTP versions used, finish order."""

    connections: int
    versions: set[str]
    finished: str


# --8<-- [start:client]
async def slow_then_fast(
    base: str,
    tls: ssl.SSLContext,
    slow_arrived: threading.Event,
    *,
    http2: bool,
    connections: int,
) -> set[str]:
    """GET /slow; once the server has it, FAST GET /fast at once. Returns versions."""
    limits = httpx2.Limits(max_connections=connections)
    async with httpx2.AsyncClient(
        verify=tls, http2=http2, limits=limits, timeout=TIMEOUT_S
    ) as client:
        slow = asyncio.create_task(client.get(f"{base}/slow", **AS_NAME))
        if not await asyncio.to_thread(slow_arrived.wait, TIMEOUT_S):
            raise TimeoutError("the server never received /slow")
        fast = [client.get(f"{base}/fast", **AS_NAME) for _ in range(FAST)]
        responses = [*await asyncio.gather(*fast), await slow]
    for response in responses:
        response.raise_for_status()
    return {response.http_version for response in responses}


# --8<-- [end:client]


def run(*, http2: bool, connections: int) -> Run:
    """Serve a fresh app over HTTPS, run the client once, report what happened."""
    now = datetime.now(UTC)
    root = Authority.root("Example Root CA", now, timedelta(days=3650))
    identity = root.issue([NAME], "server", now, timedelta(days=90))
    # httpx sets the ALPN list itself: ["h2", "http/1.1"] or ["http/1.1"].
    tls = client_context([root.certificate], alpn=())
    app = SlowAndFast(fast_requests=FAST)
    with serve_https(app, identity) as port:
        client_versions = asyncio.run(
            slow_then_fast(
                f"https://127.0.0.1:{port}",
                tls,
                app.slow_arrived,
                http2=http2,
                connections=connections,
            )
        )
    server_versions = {f"HTTP/{version}" for version in app.versions}
    if client_versions != server_versions:
        raise RuntimeError(f"client {client_versions}, server {server_versions}")
    return Run(len(app.connections), client_versions, " ".join(app.finished))


# --8<-- [start:demo]
if __name__ == "__main__":
    for label, http2, connections in [
        ("HTTP/2, pool of 1", True, 1),
        ("HTTP/1.1, pool of 1", False, 1),
        ("HTTP/1.1, pool of 6", False, 6),
    ]:
        seen = run(http2=http2, connections=connections)
        (version,) = seen.versions
        print(f"{label:<19} {seen.connections} conns, {version:<8} {seen.finished}")
        #> HTTP/2, pool of 1   1 conns, HTTP/2   F F F F F S
        #> HTTP/1.1, pool of 1 1 conns, HTTP/1.1 S F F F F F
        #> HTTP/1.1, pool of 6 6 conns, HTTP/1.1 F F F F F S
# --8<-- [end:demo]
