"""HTTPS for real: an ASGI app served by Hypercorn over TLS, with ALPN h2 and http/1.1.

Hypercorn reads the certificate chain and the (encrypted) key from files, as
it would in production; here they come from the local CA. Hypercorn loads
them when it starts, and the files stay on disk (encrypted key, private
folder) until the server stops. The listening socket is made first, on a free loopback
port, and handed over by file descriptor, so no other process can take the
port and clients may connect before the server is ready: they wait in the
kernel's accept queue.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypercorn.asyncio import serve
from hypercorn.config import Config

from examples.fundamentals.tls.local_ca import Issued, key_files

STOP_TIMEOUT_SECONDS = 10.0


class TLS13Config(Config):
    """Hypercorn's config with TLS 1.2 refused; its default minimum is TLS 1.2."""

    def create_ssl_context(self) -> ssl.SSLContext | None:
        context = super().create_ssl_context()
        if context is not None:
            context.minimum_version = ssl.TLSVersion.TLSv1_3
        return context


async def which_protocol(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An ASGI app that answers every request with what it arrived over."""
    if scope["type"] != "http":
        return  # lifespan events: nothing to set up
    body = json.dumps({"scheme": scope["scheme"], "http": scope["http_version"]})
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode()})


# --8<-- [start:serve]
@contextmanager
def serve_https(app: Any, identity: Issued) -> Iterator[int]:
    """Serve `app` over HTTPS on 127.0.0.1 for the block; yield the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    loop = asyncio.new_event_loop()
    stopped = asyncio.Event()
    with key_files(identity) as files:
        config = TLS13Config()
        config.bind = [f"fd://{listener.detach()}"]  # Hypercorn owns it now
        config.certfile = str(files.certificate_chain)
        config.keyfile = str(files.key)
        config.keyfile_password = files.password
        config.alpn_protocols = ["h2", "http/1.1"]  # its default, stated
        config.errorlog = None  # keep the demo's output to what it prints
        server = threading.Thread(
            target=loop.run_until_complete,
            args=(serve(app, config, shutdown_trigger=stopped.wait),),
            daemon=True,
        )
        server.start()
        try:
            yield port
        finally:
            loop.call_soon_threadsafe(stopped.set)
            server.join(STOP_TIMEOUT_SECONDS)
            loop.close()


# --8<-- [end:serve]
