"""What the services and the gateway share: JSON over HTTP/1.1, one error format, logs.

Standard library only (http.server, http.client), so every process on the page
starts in about a tenth of a second and nothing hides the network from you.

- Every error is an RFC 9457 problem details document, with the conventions of
  the handbook's API errors page: a `type` URI clients switch on, a `title` per
  type, a `detail` per occurrence, and here, since every request has an id,
  `instance` is `urn:uuid:<request id>`, the same id the logs carry.
- Every process writes one JSON line per event to its own log file, with the
  request id, so the lines of one request can be joined across processes.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://api.example.com/problems/"
REQUEST_ID = "X-Request-ID"
CLIENT_ID = "X-Client-ID"  # set by the gateway after authentication, never by clients
MAX_BODY_BYTES = 64 * 1024
# A keep-alive connection with no new request for this long is closed by the
# server, so idle handler threads do not pile up.
IDLE_CONNECTION_SECONDS = 5.0


def new_request_id() -> str:
    """A random UUID (version 4): unique without coordination between processes."""
    return str(uuid.uuid4())


def is_request_id(value: str) -> bool:
    """True for a UUID in its canonical form, the only ids passed on."""
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


# RFC 9110's phrase where Python 3.11's HTTPStatus still has the older one (the
# API errors page keeps the same table).
RFC_9110_PHRASES = {413: "Content Too Large"}


def _title(status: int) -> str:
    return RFC_9110_PHRASES.get(status) or HTTPStatus(status).phrase


@dataclass
class Response:
    """What a handler returns; `note` and `client` go to the access log only."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""
    client: str | None = None


def json_response(
    status: int, document: object, headers: Mapping[str, str] | None = None
) -> Response:
    body = json.dumps(document, separators=(",", ":")).encode()
    return Response(
        status, body, {"Content-Type": "application/json", **(headers or {})}
    )


# --8<-- [start:problem]
def problem(
    status: int,
    slug: str,
    detail: str,
    request_id: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An RFC 9457 problem details response; `slug` names the problem's type."""
    document = {
        "type": PROBLEM_TYPES + slug,
        "title": _title(status),  # one per type: each slug has one status
        "status": status,
        "detail": detail,
        "instance": f"urn:uuid:{request_id}",  # the id the logs carry
    }
    body = json.dumps(document, separators=(",", ":")).encode()
    return Response(status, body, {"Content-Type": PROBLEM_JSON, **(headers or {})})


# --8<-- [end:problem]


class EventLog:
    """One JSON line per event, appended to a file; safe to share between threads.

    `t` is CLOCK_MONOTONIC in nanoseconds. On Linux that clock is the same for
    every process on the machine, so lines from several processes sort in the
    order their events happened whenever one event caused the other.
    """

    def __init__(self, path: str | Path, service: str) -> None:
        if not service:
            raise ValueError("a log needs the name of the service that writes it")
        self.path = Path(path)
        self.service = service
        self._lock = threading.Lock()

    def write(self, request_id: str, message: str, **fields: object) -> None:
        line = {
            "t": time.monotonic_ns(),
            "service": self.service,
            "request_id": request_id,
            "msg": message,
            **fields,
        }
        encoded = json.dumps(line, separators=(",", ":")) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as log:
            log.write(encoded)


def read_log(path: str | Path) -> list[dict[str, Any]]:
    """Every event in a log file, in the order written; [] if there is none yet."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


# --8<-- [start:join]
def join_logs(paths: Iterable[str | Path], request_id: str) -> list[dict[str, Any]]:
    """Every process's lines about one request, in the order they happened."""
    lines = [
        event
        for path in paths
        for event in read_log(path)
        if event["request_id"] == request_id
    ]
    return sorted(lines, key=lambda event: event["t"])


# --8<-- [end:join]

App = Callable[[str, str, Mapping[str, str], bytes], Response]


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keeps connections open between requests, so callers can reuse them.
    protocol_version = "HTTP/1.1"
    timeout = IDLE_CONNECTION_SECONDS
    # Headers and body leave in two writes. With Nagle's algorithm on, the second
    # waits for the client's ACK of the first, which the client delays: tens of
    # milliseconds per keep-alive call. TCP_NODELAY sends both at once.
    disable_nagle_algorithm = True
    server: AppServer

    def _dispatch(self) -> None:
        given = self.headers.get(REQUEST_ID, "") if self.server.trust_request_id else ""
        request_id = given if is_request_id(given) else new_request_id()
        response = self._read_and_handle(request_id)
        # Backends echo the id they were given; the gateway sets a fresh one.
        request_id = response.headers.setdefault(REQUEST_ID, request_id)
        note = f" ({response.note})" if response.note else ""
        # Logged before the reply is sent, so it is earlier than anything the
        # caller logs after receiving it.
        self.server.log.write(
            request_id,
            f"{self.command} {self.path} -> {response.status}{note}",
            client=response.client or self.headers.get(CLIENT_ID),
        )
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _read_and_handle(self, request_id: str) -> Response:
        # Every refusal below leaves a body unread, which the server would take
        # for the next request: the connection is closed instead.
        if "Transfer-Encoding" in self.headers:
            self.close_connection = True
            return problem(411, "length-required", "send a Content-Length", request_id)
        # One Content-Length of digits only (RFC 9110, section 8.6): int() would
        # also take "+5", " 5" and "5_0", and two headers that disagree are how
        # a proxy and a server end up reading different bodies.
        lengths = self.headers.get_all("Content-Length") or ["0"]
        if len(lengths) != 1 or not re.fullmatch(r"[0-9]{1,10}", lengths[0]):
            self.close_connection = True
            detail = "send one Content-Length, in digits"
            return problem(400, "bad-length", detail, request_id)
        length = int(lengths[0])
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            detail = f"the body must be at most {MAX_BODY_BYTES} bytes"
            return problem(413, "body-too-large", detail, request_id)
        body = self.rfile.read(length)
        try:
            return self.server.app(self.command, self.path, self.headers, body)
        except Exception:
            # The traceback goes to stderr; the client learns nothing about internals.
            traceback.print_exc(file=sys.stderr)
            return problem(500, "internal", "the server failed", request_id)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def version_string(self) -> str:
        return "service"  # no software or version for an attacker to look up

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the structured access log above replaces http.server's stderr lines


class AppServer(ThreadingHTTPServer):
    """A threaded HTTP server that hands every request to `app` and logs it.

    An internal service trusts the X-Request-ID it is given (the gateway set
    it); the gateway, facing clients, does not.
    """

    daemon_threads = True

    def __init__(
        self,
        app: App,
        log: EventLog,
        *,
        trust_request_id: bool = True,
        host: str = "127.0.0.1",
    ) -> None:
        self.app = app
        self.log = log
        self.trust_request_id = trust_request_id
        super().__init__((host, 0), _Handler)  # port 0: the OS picks a free one

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A caller that gave up (its timeout fired) closed the connection before
        # the answer was written: expected in these demos, not worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serving(app: App, log: EventLog, *, trust_request_id: bool = True) -> Iterator[str]:
    """Serve `app` on a free loopback port in a thread; yield its base URL."""
    server = AppServer(app, log, trust_request_id=trust_request_id)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()  # returns within one poll interval
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class Reply:
    """A response as a caller sees it."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def host_port(base_url: str) -> tuple[str, int]:
    """("127.0.0.1", 8000) from "http://127.0.0.1:8000"; only plain http is used here."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or not parts.hostname or parts.port is None:
        raise ValueError(f"expected http://host:port, got {base_url!r}")
    return parts.hostname, parts.port


def call(
    base_url: str,
    target: str,
    *,
    timeout: float | None,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
) -> Reply:
    """One request on a new connection. `timeout` bounds the connect and each read.

    It is not a deadline for the whole call: a server that sends one byte just
    inside the timeout, again and again, keeps the caller waiting. Pass None to
    wait forever, which is what Python does by default.
    """
    host, port = host_port(base_url)
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return Reply(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def is_healthy(base_url: str, timeout: float = 0.5) -> bool:
    """True if GET /health answers 200 within the timeout."""
    try:
        return call(base_url, "/health", timeout=timeout).status == 200
    except (OSError, http.client.HTTPException):
        return False
