"""Keep-alive: ten requests on one connection, or ten connections for ten requests.

The origin counts the distinct client (address, port) pairs it saw, which
is the number of TCP connections it accepted. The same runs over TLS, where
every new connection also costs a handshake. benchmarks/fundamentals_http.py
times both; this prints only counts.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from examples.fundamentals.http.origin import Origin
from examples.fundamentals.tls.contexts import client_context
from examples.fundamentals.tls.local_ca import Authority, Issued, key_files
from examples.uvicorn_server import serve

TIMEOUT_S = 5.0
NAME = "api.example.test"


class LoopbackHTTPS(http.client.HTTPConnection):
    """HTTPS to 127.0.0.1, verifying the certificate for `NAME` (no DNS here)."""

    def __init__(self, port: int, tls: ssl.SSLContext) -> None:
        super().__init__(NAME, port, timeout=TIMEOUT_S)
        self.tls = tls

    def connect(self) -> None:
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=NAME)


def connection(port: int, tls: ssl.SSLContext | None) -> http.client.HTTPConnection:
    """A client connection to 127.0.0.1:`port`, over TLS when `tls` is given."""
    if tls is None:
        return http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    return LoopbackHTTPS(port, tls)


# --8<-- [start:ways]
def get(conn: http.client.HTTPConnection) -> bytes:
    conn.request("GET", "/fixed", headers={"Host": NAME})
    with conn.getresponse() as response:
        return response.read()  # read it all, or the connection cannot be reused


def kept_alive(port: int, requests: int, tls: ssl.SSLContext | None = None) -> None:
    conn = connection(port, tls)
    try:
        for _ in range(requests):
            get(conn)
    finally:
        conn.close()


def new_each_time(port: int, requests: int, tls: ssl.SSLContext | None = None) -> None:
    for _ in range(requests):
        conn = connection(port, tls)
        try:
            get(conn)
        finally:
            conn.close()


# --8<-- [end:ways]


@contextmanager
def origin_over_tls(origin: Origin) -> Iterator[tuple[int, ssl.SSLContext]]:
    """Serve `origin` over TLS with a fresh local CA; yield the port and a client context."""
    now = datetime.now(UTC)
    root = Authority.root("Example Root CA", now, timedelta(days=3650))
    servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
    identity: Issued = servers_ca.issue([NAME], "server", now, timedelta(days=90))
    with key_files(identity) as files:
        tls_files = {
            "ssl_certfile": str(files.certificate_chain),
            "ssl_keyfile": str(files.key),
            "ssl_keyfile_password": files.password,
        }
        with serve(origin, http="h11", **tls_files) as port:
            yield port, client_context([root.certificate], alpn=("http/1.1",))


# --8<-- [start:demo]
if __name__ == "__main__":
    for transport in ("TCP", "TLS"):
        for way in (kept_alive, new_each_time):
            origin = Origin()
            if transport == "TCP":
                with serve(origin, http="h11") as port:
                    way(port, 10)
            else:
                with origin_over_tls(origin) as (port, tls):
                    way(port, 10, tls)
            accepted = len(origin.connections)
            print(
                f"{transport} {way.__name__:<14} {origin.requests} requests, {accepted} conns"
            )
            #> TCP kept_alive     10 requests, 1 conns
            #> TCP new_each_time  10 requests, 10 conns
            #> TLS kept_alive     10 requests, 1 conns
            #> TLS new_each_time  10 requests, 10 conns
# --8<-- [end:demo]
