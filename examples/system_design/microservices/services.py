"""Two tiny backend services: users, and orders (which calls users).

Each runs in a process of its own, started by `launcher.py`, which calls
`child_main()` with arguments such as `users --log users.jsonl` or
`orders --log orders.jsonl --users-url http://127.0.0.1:PORT`.

It listens on a free loopback port and prints `ready http://127.0.0.1:PORT` once
it accepts connections. It exits when its standard input closes, so a child
whose parent died does not linger. `--delay` makes every data endpoint that
many seconds slow: the slow dependency the partial-failure demos need.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import threading
import time
from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

from examples.system_design.microservices.http_kit import (
    CLIENT_ID,
    REQUEST_ID,
    App,
    AppServer,
    EventLog,
    Response,
    call,
    is_request_id,
    json_response,
    new_request_id,
    problem,
)

USERS = {
    1: {"id": 1, "name": "Ada"},
    2: {"id": 2, "name": "Grace"},
    3: {"id": 3, "name": "Linus"},
}
ORDERS = {
    101: {"id": 101, "user_id": 1, "item": "keyboard"},
    102: {"id": 102, "user_id": 1, "item": "monitor"},
    103: {"id": 103, "user_id": 2, "item": "desk"},
}
USERS_CALL_TIMEOUT = 1.0  # orders -> users: less than the gateway gives orders (2 s)


def get_user(user_id: int) -> dict[str, object] | None:
    """The users lookup itself: what an in-process call to a module would do."""
    return USERS.get(user_id)


class Backend:
    """What the two services share: a hit counter, health, stats and a delay."""

    def __init__(self, name: str, log: EventLog, delay: float = 0.0) -> None:
        if not 0 <= delay <= 30:
            raise ValueError(f"delay must be 0 to 30 seconds, got {delay!r}")
        self.name = name
        self.log = log
        self.delay = delay
        self.hits = 0  # data requests served: tests count them
        self._lock = threading.Lock()

    def __call__(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> Response:
        given = headers.get(REQUEST_ID, "")
        request_id = given if is_request_id(given) else new_request_id()
        path = urlsplit(target).path
        if path == "/health":
            return json_response(200, {"status": "ok"})
        if path == "/stats":
            return json_response(200, {"service": self.name, "hits": self.hits})
        if method != "GET":
            allow = {"Allow": "GET"}
            return problem(405, "method-not-allowed", "only GET", request_id, allow)
        with self._lock:
            self.hits += 1
        if self.delay:
            time.sleep(self.delay)  # a slow dependency: a GC pause, a lock, a slow disk
        response = self.route(target, headers, request_id)
        response.headers[REQUEST_ID] = request_id  # echo it: the caller can log it too
        return response

    def route(
        self, target: str, headers: Mapping[str, str], request_id: str
    ) -> Response:
        raise NotImplementedError


# --8<-- [start:users]
class UsersService(Backend):
    """GET /users/{id}."""

    def route(
        self, target: str, headers: Mapping[str, str], request_id: str
    ) -> Response:
        found = re.fullmatch(r"/users/(\d{1,9})", urlsplit(target).path)
        user = get_user(int(found.group(1))) if found else None
        if user is None:
            return problem(404, "not-found", "no such user", request_id)
        return json_response(200, user)


# --8<-- [end:users]


# --8<-- [start:orders]
class OrdersService(Backend):
    """GET /orders/{id} (with the buyer, from users) and GET /orders?user_id=."""

    def __init__(self, log: EventLog, users_url: str, delay: float = 0.0) -> None:
        super().__init__("orders", log, delay)
        self.users_url = users_url

    def route(
        self, target: str, headers: Mapping[str, str], request_id: str
    ) -> Response:
        parts = urlsplit(target)
        if parts.path == "/orders":
            user_id = parse_qs(parts.query).get("user_id", [""])[0]
            if not re.fullmatch(r"[0-9]{1,9}", user_id):
                return problem(400, "bad-query", "user_id must be a number", request_id)
            mine = [o for o in ORDERS.values() if o["user_id"] == int(user_id)]
            return json_response(200, {"user_id": int(user_id), "orders": mine})
        found = re.fullmatch(r"/orders/(\d{1,9})", parts.path)
        order = ORDERS.get(int(found.group(1))) if found else None
        if order is None:
            return problem(404, "not-found", "no such order", request_id)
        # A service-to-service call: same request id, its own short timeout.
        forwarded = {REQUEST_ID: request_id, CLIENT_ID: headers.get(CLIENT_ID, "")}
        target = f"/users/{order['user_id']}"
        try:
            reply = call(
                self.users_url,
                target,
                timeout=USERS_CALL_TIMEOUT,
                headers=forwarded,
            )
        except (OSError, http.client.HTTPException) as error:
            reason = type(error).__name__
            self.log.write(request_id, f"call users GET {target} failed: {reason}")
            return problem(502, "dependency-failed", "users did not answer", request_id)
        self.log.write(request_id, f"call users GET {target} -> {reply.status}")
        if reply.status != 200:
            return problem(502, "dependency-failed", "users refused", request_id)
        return json_response(200, {**order, "user": reply.json()})


# --8<-- [end:orders]


def _exit_when_stdin_closes() -> None:
    """Block until the parent closes our stdin (or dies), then exit at once."""
    sys.stdin.buffer.read()
    os._exit(0)


def serve_child(app: App, log: EventLog, trust_request_id: bool) -> None:
    """Listen, print the ready line the parent waits for, serve until stdin closes."""
    server = AppServer(app, log, trust_request_id=trust_request_id)
    threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    sys.stdout.write(f"ready {server.url}\n")
    sys.stdout.flush()
    server.serve_forever(poll_interval=0.05)


def child_main(argv: list[str] | None = None) -> None:
    """Entry point of a service process: parse its arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service", choices=["users", "orders"])
    parser.add_argument("--log", required=True, help="JSON-lines log file to append to")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds per request")
    parser.add_argument("--users-url", help="where orders finds users")
    parser.add_argument("--name", help="the name in the log (default: the service)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    log = EventLog(args.log, args.name or args.service)
    if args.service == "users":
        app: Backend = UsersService("users", log, args.delay)
    else:
        if not args.users_url:
            parser.error("orders needs --users-url")
        app = OrdersService(log, args.users_url, args.delay)
    serve_child(app, log, trust_request_id=True)
