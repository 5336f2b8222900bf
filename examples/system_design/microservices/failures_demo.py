"""What the gateway answers when a backend is slow, down, or has no instance.

A slow backend past the route's timeout is a 504; a backend that refuses the
connection is a 502; a service with no live instance is a 503 (RFC 9110,
sections 15.6.5, 15.6.3 and 15.6.4). All three in the same problem format.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from examples.system_design.microservices.gateway import (
    Gateway,
    RateLimit,
    Route,
    demo_request_ids,
    serve_in_thread,
)
from examples.system_design.microservices.http_kit import call, read_log
from examples.system_design.microservices.launcher import start_orders, start_users
from examples.system_design.microservices.registry import StaticResolver

SLOW_SECONDS = 2.0  # every request to the slow users instance takes this long
TOKEN = secrets.token_urlsafe(16)  # made up per run: no secret in the code


def finished(log: Path, line: str, within: float = 10.0) -> bool:
    """Whether `line` shows up in the log within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if any(event["msg"] == line for event in read_log(log)):
            return True
        time.sleep(0.05)
    return False


def main(logs: Path) -> None:
    with (
        start_users(logs / "slow.jsonl", delay=SLOW_SECONDS, name="users") as slow,
        start_orders(logs / "orders.jsonl", slow.url) as orders,
    ):
        # --8<-- [start:setup]
        gateway = Gateway(
            routes=[
                Route("/users", "users", timeout=0.2),  # far under SLOW_SECONDS
                Route("/orders", "orders", timeout=1.0),
                Route("/billing", "billing", timeout=1.0),  # nothing runs it
            ],
            resolver=StaticResolver(
                {"users": [slow.url], "orders": [orders.url], "billing": []}
            ),
            api_keys={TOKEN: "alice"},
            rate_limit=RateLimit(burst=100, window=1.0),
            request_ids=demo_request_ids(seed=3),
        )
        # --8<-- [end:setup]
        alice = {"Authorization": f"Bearer {TOKEN}"}
        with serve_in_thread(gateway, logs / "gateway.jsonl") as url:
            # --8<-- [start:failures]
            started = time.monotonic()
            reply = call(url, "/users/1", timeout=5, headers=alice)
            waited = time.monotonic() - started
            print(reply.status, reply.json()["type"])
            #> 504 https://api.example.com/problems/upstream-timeout
            print("answered before users did:", waited < SLOW_SECONDS)
            #> answered before users did: True
            done = finished(logs / "slow.jsonl", "GET /users/1 -> 200")
            print("users finished the request anyway:", done)
            #> users finished the request anyway: True

            orders.kill()  # a crash: the port now refuses connections
            reply = call(url, "/orders/101", timeout=5, headers=alice)
            print(reply.status, reply.json()["type"])
            #> 502 https://api.example.com/problems/upstream-unreachable

            reply = call(url, "/billing/invoices", timeout=5, headers=alice)
            print(reply.status, reply.json()["type"])
            #> 503 https://api.example.com/problems/no-instance
            # --8<-- [end:failures]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
