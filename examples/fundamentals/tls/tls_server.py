"""A small threaded TLS server on a free loopback port, and a client to match.

The server accepts in one thread and runs each connection's handshake in a
thread of its own, so a slow or silent client holds up only itself. Every
socket has a timeout. What went wrong on the server side (a client that sent
no certificate, one that hung up mid-handshake, a handler that raised) is
kept in `failures`, so a demo can show both sides of a refused connection;
a handler's exception is also logged with its traceback.

`server.context` may be replaced while the server runs: connections accepted
after that use the new context. That is certificate rotation without a restart.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5.0
ACCEPT_POLL_SECONDS = 0.05  # how often the accept loop checks for a stop

Handler = Callable[[ssl.SSLSocket], None]


def greet(connection: ssl.SSLSocket) -> None:
    """Say who the client is (by certificate) and what was negotiated."""
    peer = connection.getpeercert()  # None when the client sent no certificate
    who = subject_common_name(peer) if peer else "anonymous"
    alpn = connection.selected_alpn_protocol() or "none"
    connection.sendall(f"hello {who}, {connection.version()}, alpn {alpn}\n".encode())
    connection.recv(1)  # wait for the client to hang up (or the timeout)


def subject_common_name(peer: dict) -> str:
    """The CN out of `getpeercert()`'s nested ((name, value),) tuples."""
    fields = dict(pair for rdn in peer.get("subject", ()) for pair in rdn)
    return fields.get("commonName", "")


class TLSServer:
    """Serves `context` on 127.0.0.1:`port` until `stop()`; see `serve_tls`."""

    def __init__(self, context: ssl.SSLContext, handler: Handler) -> None:
        self.context = context
        self.handler = handler
        self.failures: list[str] = []  # server-side reasons, in order seen
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(ACCEPT_POLL_SECONDS)
        self.port: int = self._listener.getsockname()[1]
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    def stop(self) -> None:
        self._stopping.set()
        self._acceptor.join(TIMEOUT_SECONDS)
        self._listener.close()
        for thread in self._threads:
            thread.join(TIMEOUT_SECONDS * 2)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                raw, _ = self._listener.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._serve, args=(raw,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(TIMEOUT_SECONDS)
        context = self.context  # read once: a rotation mid-handshake cannot mix two
        try:
            connection = context.wrap_socket(raw, server_side=True)
        except ssl.SSLCertVerificationError as error:  # the client's certificate
            self._failed(f"client certificate refused: {error.verify_message}")
            return
        except ssl.SSLError as error:
            self._failed(error.reason or str(error))
            return
        except OSError as error:  # reset, timeout, or the peer left
            self._failed(type(error).__name__)
            return
        finally:
            raw.close()  # the handshake's outcome holds its own socket
        with connection:
            try:
                self.handler(connection)
            except Exception as error:  # a bug in the handler, not a bad client
                logger.exception("handler failed on a TLS connection")
                self._failed(f"handler raised {type(error).__name__}: {error}")

    def _failed(self, reason: str) -> None:
        with self._lock:
            self.failures.append(reason)


@contextmanager
def serve_tls(context: ssl.SSLContext, handler: Handler = greet) -> Iterator[TLSServer]:
    """Run a TLSServer for the block; always stop it, even after an error."""
    server = TLSServer(context, handler)
    try:
        yield server
    finally:
        server.stop()


# --8<-- [start:client]
@contextmanager
def tls_connection(
    port: int,
    context: ssl.SSLContext,
    server_name: str,
    *,
    session: ssl.SSLSession | None = None,
) -> Iterator[ssl.SSLSocket]:
    """Connect to 127.0.0.1:`port` and complete a handshake for `server_name`.

    `server_name` is what the client verifies the certificate against and
    sends as SNI; the address it dials is a separate thing (here, loopback).
    """
    address = ("127.0.0.1", port)
    with (
        socket.create_connection(address, timeout=TIMEOUT_SECONDS) as raw,
        context.wrap_socket(raw, server_hostname=server_name, session=session) as tls,
    ):
        yield tls


def read_greeting(port: int, context: ssl.SSLContext, server_name: str) -> str:
    """The server's first line, or the reason the connection failed."""
    try:
        with tls_connection(port, context, server_name) as tls:
            return tls.recv(1024).decode().strip()
    except ssl.SSLCertVerificationError as error:  # we refused the server
        return error.verify_message
    except ssl.SSLError as error:  # an alert: the server refused us
        return error.reason or str(error)


# --8<-- [end:client]
