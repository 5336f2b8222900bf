"""HTTP/1.1 on the wire: a request typed by hand, and the three ways a body ends.

The client writes raw bytes to a socket and reads until the server closes,
so what is printed is exactly what uvicorn sent (less its Date and Server
lines, which change). RFC 9112 section 6.3 orders the rules: a response to
HEAD (or a 1xx, 204 or 304) has no body whatever its headers say; then
Transfer-Encoding, then Content-Length, else (responses only) the
connection closing.
"""

from __future__ import annotations

import socket

from examples.fundamentals.http.origin import Origin
from examples.uvicorn_server import serve

TIMEOUT_S = 5.0


def exchange(port: int, request: bytes) -> bytes:
    """Send `request` as is and return every byte until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_S) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    return received


def framing(raw: bytes) -> tuple[str, bytes]:
    """The header that frames the body (if any) and the body's raw bytes."""
    head, _, body = raw.partition(b"\r\n\r\n")
    names = ("content-length", "transfer-encoding")
    lines = head.decode().split("\r\n")[1:]
    framed_by = [line for line in lines if line.lower().startswith(names)]
    return (framed_by[0] if framed_by else "(neither)"), body


# --8<-- [start:demo]
REQUESTS = {
    "Content-Length": b"GET /fixed HTTP/1.1\r\nHost: api.test\r\n"
    b"Connection: close\r\n\r\n",
    "chunked": b"GET /stream HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n",
    "close": b"GET /stream HTTP/1.0\r\nHost: api.test\r\n\r\n",
    "HEAD": b"HEAD /fixed HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n",
}

if __name__ == "__main__":
    with serve(Origin(), http="h11") as port:
        for label, request in REQUESTS.items():
            header, body = framing(exchange(port, request))
            crlf_as_bar = body.decode().replace("\r\n", "|")  # readable, one line
            print(f"{label:<14} {header:<26} {crlf_as_bar or '(no body)'}")
            #> Content-Length content-length: 5          hello
            #> chunked        Transfer-Encoding: chunked 4|one |3|two|0||
            #> close          (neither)                  one two
            #> HEAD           content-length: 5          (no body)
# --8<-- [end:demo]
