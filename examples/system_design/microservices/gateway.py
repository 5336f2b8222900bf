"""A small API gateway: the one entry point in front of the services.

For every request, in this order:

1. a fresh request id (X-Request-ID), returned to the client and sent to the backend;
2. a route by path prefix (404 if none), refusing dot segments and encoded
   separators (400);
3. a bearer token check, before any backend is called (401);
4. a token bucket per client (429 with Retry-After), reusing the rate limiter
   of the machine-coding page;
5. an instance from the resolver (503 if none is live);
6. the call, with the route's timeout (504 if it runs out, 502 if the backend
   cannot be reached or breaks the connection).

Every error is problem details (http_kit.problem). A fan-out route calls several
backends at once and can answer with what it got (fanout.py).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import random
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from examples.machine_coding.clock import Clock, system_clock
from examples.machine_coding.rate_limiter.http_headers import rate_limit_headers
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.system_design.microservices.http_kit import (
    CLIENT_ID,
    MAX_BODY_BYTES,
    REQUEST_ID,
    EventLog,
    Response,
    host_port,
    new_request_id,
    problem,
    serving,
)
from examples.system_design.microservices.registry import (
    NoInstanceError,
    StaticResolver,
)

# RFC 9110, section 5.5: a CR, LF or NUL in a field value must be refused or turned
# into a space before the message is forwarded. http.client hands back a folded
# header with its CRLF inside, and http.server writes a value as it is given.
_CR_LF_NUL_TO_SPACE = str.maketrans("\r\n\0", "   ")

# Only these response headers come back from a backend; the gateway sets the rest.
PASSED_BACK = (
    "Content-Type",
    "Cache-Control",
    "ETag",
    "Location",
    "Retry-After",
    "Allow",
)


class Resolver(Protocol):
    def resolve(self, service: str) -> str:
        """A base URL of a live instance, or NoInstanceError."""
        ...


class Handler(Protocol):
    """A route the gateway answers itself, such as a fan-out (fanout.py)."""

    prefix: str

    def matches(self, path: str) -> bool: ...

    def handle(
        self, gateway: Gateway, target: str, client: str, request_id: str
    ) -> Response: ...


# --8<-- [start:route]
@dataclass(frozen=True, slots=True)
class Route:
    """Requests under `prefix` go to `service`, and wait at most `timeout` for it."""

    prefix: str  # "/users" matches /users and /users/7, never /usersx
    service: str
    timeout: float  # seconds, for the connect and for each read

    def __post_init__(self) -> None:
        _check_prefix(self.prefix)
        if not self.service:
            raise ValueError("a route needs a service name")
        if not (isinstance(self.timeout, int | float) and 0 < self.timeout <= 60):
            raise ValueError(f"timeout must be 0 to 60 seconds, got {self.timeout!r}")

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")


# --8<-- [end:route]


def _check_prefix(prefix: str) -> None:
    if not prefix.startswith("/") or prefix.endswith("/") or "//" in prefix:
        raise ValueError(f"a prefix looks like /users, got {prefix!r}")


class Upstream(Exception):
    """A backend call that failed, already turned into the response to send."""

    def __init__(self, status: int, slug: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.slug, self.detail = status, slug, detail


# --8<-- [start:pool]
class ConnectionPool:
    """Idle keep-alive connections per backend, so a call skips the TCP handshake."""

    def __init__(self, max_idle_per_backend: int = 8) -> None:
        self._idle: dict[tuple[str, int], list[http.client.HTTPConnection]] = {}
        self._max_idle = max_idle_per_backend
        self._lock = threading.Lock()

    def request(
        self,
        base_url: str,
        method: str,
        target: str,
        *,
        headers: Mapping[str, str],
        body: bytes,
        timeout: float | None,
    ) -> tuple[int, dict[str, str], bytes]:
        """Send one request; raise Upstream with the status the gateway should answer."""
        key = host_port(base_url)
        connection, reused = self._checkout(key, timeout)
        try:
            try:
                return self._exchange(key, connection, method, target, headers, body)
            except (ConnectionResetError, BrokenPipeError) as error:
                # A reused connection may have been closed by the backend while
                # idle. Retry once on a new one, but only if the request is safe
                # to send twice: a POST may already have been processed.
                connection.close()
                if not reused or method not in ("GET", "HEAD"):
                    raise Upstream(
                        502, "upstream-failed", "the backend reset the connection"
                    ) from error
                connection = http.client.HTTPConnection(*key, timeout=timeout)
                return self._exchange(key, connection, method, target, headers, body)
        except TimeoutError as error:
            connection.close()
            raise Upstream(
                504, "upstream-timeout", "the backend did not answer in time"
            ) from error
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise Upstream(
                502, "upstream-unreachable", "the backend cannot be reached"
            ) from error

    def _checkout(
        self, key: tuple[str, int], timeout: float | None
    ) -> tuple[http.client.HTTPConnection, bool]:
        with self._lock:
            idle = self._idle.get(key)
            connection = idle.pop() if idle else None
        if connection is None:
            return http.client.HTTPConnection(*key, timeout=timeout), False
        connection.timeout = timeout
        if connection.sock is not None:
            connection.sock.settimeout(timeout)
        return connection, True

    def _exchange(
        self,
        key: tuple[str, int],
        connection: http.client.HTTPConnection,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> tuple[int, dict[str, str], bytes]:
        connection.request(method, target, body=body or None, headers=dict(headers))
        response = connection.getresponse()
        data = response.read(MAX_BODY_BYTES + 1)
        if len(data) > MAX_BODY_BYTES:
            connection.close()
            raise Upstream(502, "upstream-failed", "the backend's answer is too large")
        kept = {
            name: _field_value(value)
            for name in PASSED_BACK
            if (value := response.getheader(name))
        }
        if response.will_close:
            connection.close()
        else:
            self._checkin(key, connection)
        return response.status, kept, data

    def _checkin(
        self, key: tuple[str, int], connection: http.client.HTTPConnection
    ) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self._max_idle:
                idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            connections = [c for idle in self._idle.values() for c in idle]
            self._idle.clear()
        for connection in connections:
            connection.close()


# --8<-- [end:pool]


@dataclass(frozen=True)
class RateLimit:
    """A token bucket per client: `burst` requests at once, refilled in `window` s."""

    burst: int
    window: float


class Gateway:
    """The gateway's logic; `serve()` puts it on a port (or run it as a process)."""

    def __init__(
        self,
        routes: Sequence[Route],
        resolver: Resolver,
        api_keys: Mapping[str, str],
        rate_limit: RateLimit,
        *,
        fan_outs: Sequence[Handler] = (),
        clock: Clock = system_clock,
        request_ids: Callable[[], str] = new_request_id,
    ) -> None:
        """`api_keys` maps each bearer token to the client id it authenticates."""
        prefixes = [r.prefix for r in routes] + [f.prefix for f in fan_outs]
        if not prefixes:
            raise ValueError("a gateway needs at least one route")
        if len(set(prefixes)) != len(prefixes):
            raise ValueError(f"two routes share a prefix: {sorted(prefixes)}")
        if not api_keys or not all(isinstance(t, str) and t for t in api_keys):
            raise ValueError("api_keys must map non-empty tokens to client ids")
        # Longest prefix first, so /users/admin could be routed apart from /users.
        self.routes = sorted(routes, key=lambda r: len(r.prefix), reverse=True)
        self.fan_outs = list(fan_outs)
        self.resolver = resolver
        # Keep digests, not tokens: a memory dump or a log of this dict leaks nothing usable.
        self._clients = {_digest(token): client for token, client in api_keys.items()}
        self.rate_limit = rate_limit
        self._limiter = TokenBucketLimiter(
            rate_limit.burst, rate_limit.window, clock=clock
        )
        self._request_ids = request_ids
        self.pool = ConnectionPool()

    # --8<-- [start:handle]
    def __call__(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        """Handle one client request; every outcome carries the new request id."""
        request_id = self._request_ids()  # never the client's: it is not trusted
        path = target.partition("?")[0]  # routed exactly as the backend will read it
        if not _is_clean(path):
            detail = "the path must start with / and hold no dot segment or %2F"
            response = problem(400, "bad-path", detail, request_id)
        elif (route := self._route(path)) is None:
            response = problem(
                404, "no-route", "no service serves this path", request_id
            )
        elif (client := self._authenticate(headers)) is None:
            response = self._unauthorized(headers, request_id)
        else:
            decision = self._limiter.allow(client)
            limits = rate_limit_headers(
                decision, window=self.rate_limit.window, policy="per-client"
            )
            if not decision.allowed:
                rate = self.rate_limit.burst / self.rate_limit.window
                detail = (
                    f"{self.rate_limit.burst} requests at once, then {rate:g} a second"
                )
                response = problem(429, "rate-limited", detail, request_id, limits)
            else:
                response = self._dispatch(
                    route, method, target, headers, body, client, request_id
                )
                response.headers.update(limits)
            response.client = client
        response.headers[REQUEST_ID] = request_id
        return response

    # --8<-- [end:handle]

    def _route(self, path: str) -> Route | Handler | None:
        for fan_out in self.fan_outs:
            if fan_out.matches(path):
                return fan_out
        return next((route for route in self.routes if route.matches(path)), None)

    # --8<-- [start:auth]
    def _authenticate(self, headers: Mapping[str, str]) -> str | None:
        """The client id for a valid `Authorization: Bearer <token>`, else None."""
        scheme, _, token = headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        # The lookup compares digests, not tokens: how long it takes can tell an
        # attacker how many bytes of a SHA-256 digest matched, which says nothing
        # about a token. (A fast hash suits random 128-bit tokens; passwords
        # need a slow, salted one.)
        return self._clients.get(_digest(token.strip()))

    def _unauthorized(self, headers: Mapping[str, str], request_id: str) -> Response:
        # RFC 9110 requires WWW-Authenticate on a 401. RFC 6750 adds
        # error="invalid_token" only when a bearer token was sent and refused;
        # no credentials, or another scheme, get the bare challenge.
        challenge = 'Bearer realm="api"'
        scheme = headers.get("Authorization", "").partition(" ")[0]
        if scheme.lower() == "bearer":
            challenge += ', error="invalid_token"'
        www = {"WWW-Authenticate": challenge}
        return problem(
            401, "unauthenticated", "a valid bearer token is required", request_id, www
        )

    # --8<-- [end:auth]

    def _dispatch(
        self,
        route: Route | Handler,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        client: str,
        request_id: str,
    ) -> Response:
        if not isinstance(route, Route):
            return route.handle(self, target, client, request_id)
        # A new header set: the client's Authorization, X-Client-ID and
        # X-Request-ID never reach the backend, only what the gateway vouches for.
        upstream_headers = {REQUEST_ID: request_id, CLIENT_ID: client}
        for name in ("Accept", "Content-Type"):
            if value := headers.get(name):
                upstream_headers[name] = _field_value(value)
        try:
            status, kept, data = self.fetch(
                route.service, method, target, upstream_headers, body, route.timeout
            )
        except Upstream as failure:
            return problem(failure.status, failure.slug, failure.detail, request_id)
        return Response(status, data, kept, note=route.service)

    def fetch(
        self,
        service: str,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        timeout: float | None,
    ) -> tuple[int, dict[str, str], bytes]:
        """Resolve `service` and call it; failures raise Upstream."""
        try:
            base_url = self.resolver.resolve(service)
        except NoInstanceError as error:
            raise Upstream(
                503, "no-instance", f"no live instance of {service}"
            ) from error
        return self.pool.request(
            base_url, method, target, headers=headers, body=body, timeout=timeout
        )

    def close(self) -> None:
        self.pool.close()


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def _field_value(value: str) -> str:
    return value.translate(_CR_LF_NUL_TO_SPACE)


def _is_clean(path: str) -> bool:
    """A path in origin form (it starts with /) whose segments, once decoded,
    are neither "." nor ".." and hide no "/" or "\\".

    A backend that normalizes /users/../admin to /admin, or decodes
    /users/..%2Fadmin first, would otherwise serve a path that the gateway
    routed (and authorized) as /users. An absolute-form target
    (http://host/users) is refused too: it is not what the route matched.
    """
    if not path.startswith("/") or "\\" in path:
        return False
    for segment in path.split("/"):
        decoded = unquote(segment)
        if decoded in (".", "..") or "/" in decoded or "\\" in decoded:
            return False
    return True


def demo_request_ids(seed: int) -> Callable[[], str]:
    """Request ids from a seeded generator, so demos print the same ids every run."""
    rng = random.Random(seed)
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


@contextmanager
def serve_in_thread(gateway: Gateway, log_path: str | Path) -> Iterator[str]:
    """Serve the gateway on a free port in this process; yield its base URL.

    Its server ignores any X-Request-ID a client sends. Leaving the block stops
    the server and closes the gateway's pooled connections.
    """
    log = EventLog(log_path, "gateway")
    try:
        with serving(gateway, log, trust_request_id=False) as url:
            yield url
    finally:
        gateway.close()


def child_main() -> None:
    """Entry point of a gateway process: --config JSON, keys in GATEWAY_API_KEYS."""
    from examples.system_design.microservices.services import serve_child

    args = sys.argv[1:]
    if len(args) != 2 or args[0] != "--config":
        raise SystemExit(
            "usage: --config JSON (and GATEWAY_API_KEYS in the environment)"
        )
    config = json.loads(args[1])
    api_keys = json.loads(os.environ["GATEWAY_API_KEYS"])
    seed = config.get("seed")
    limit = config["rate_limit"]
    gateway = Gateway(
        [Route(**route) for route in config["routes"]],
        StaticResolver(config["instances"]),
        api_keys,
        RateLimit(int(limit["burst"]), float(limit["window"])),
        request_ids=new_request_id if seed is None else demo_request_ids(int(seed)),
    )
    serve_child(gateway, EventLog(config["log"], "gateway"), trust_request_id=False)
