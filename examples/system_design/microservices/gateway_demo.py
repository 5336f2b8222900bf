"""The gateway's jobs, over real HTTP: routing, 401 before any backend call, 429.

Users and orders run as child processes; the gateway runs in this process on
a free port, with a manual clock so the token bucket refills only when told.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path

from examples.machine_coding.clock import ManualClock
from examples.system_design.microservices.gateway import (
    Gateway,
    RateLimit,
    Route,
    demo_request_ids,
    serve_in_thread,
)
from examples.system_design.microservices.http_kit import call
from examples.system_design.microservices.launcher import start_orders, start_users
from examples.system_design.microservices.registry import StaticResolver


def hits(url: str) -> int:
    """How many data requests a backend has served."""
    return call(url, "/stats", timeout=2).json()["hits"]


def main(logs: Path) -> None:
    with (
        start_users(logs / "users.jsonl") as users,
        start_orders(logs / "orders.jsonl", users.url) as orders,
    ):
        # --8<-- [start:setup]
        alice_token, bob_token = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        clock = ManualClock()
        gateway = Gateway(
            routes=[Route("/users", "users", 1.0), Route("/orders", "orders", 2.0)],
            resolver=StaticResolver({"users": [users.url], "orders": [orders.url]}),
            api_keys={alice_token: "alice", bob_token: "bob"},
            rate_limit=RateLimit(burst=3, window=3.0),  # 3 at once, 1 a second
            clock=clock,
            request_ids=demo_request_ids(seed=7),
        )
        alice = {"Authorization": f"Bearer {alice_token}"}
        bob = {"Authorization": f"Bearer {bob_token}"}
        with serve_in_thread(gateway, logs / "gateway.jsonl") as url:

            def get(target: str, headers: dict[str, str] = alice) -> str:
                reply = call(url, target, timeout=5, headers=headers)
                return f"{reply.status} {reply.body.decode()}"

            # --8<-- [end:setup]
            # --8<-- [start:routing]
            print(get("/users/1"))
            #> 200 {"id":1,"name":"Ada"}
            order = call(url, "/orders/101", timeout=5, headers=alice).json()
            print(order["item"], "bought by", order["user"])  # orders asked users
            #> keyboard bought by {'id': 1, 'name': 'Ada'}
            print(get("/usersx/1")[:3], get("/users/../admin")[:3])
            #> 404 400
            # --8<-- [end:routing]

            # --8<-- [start:auth]
            before = hits(users.url)
            no_token = call(url, "/users/1", timeout=5)
            wrong = call(
                url, "/users/1", timeout=5, headers={"Authorization": "Bearer x"}
            )
            print(no_token.status, no_token.headers["WWW-Authenticate"])
            #> 401 Bearer realm="api"
            print(wrong.status, wrong.headers["WWW-Authenticate"])
            #> 401 Bearer realm="api", error="invalid_token"
            print("backend calls during the 401s:", hits(users.url) - before)
            #> backend calls during the 401s: 0
            print(json.dumps(no_token.json(), indent=2))
            """
            {
              "type": "https://api.example.com/problems/unauthenticated",
              "title": "Unauthorized",
              "status": 401,
              "detail": "a valid bearer token is required",
              "instance": "urn:uuid:6b0d549b-6f03-475a-9600-a35a099950d8"
            }
            """
            # --8<-- [end:auth]

            # --8<-- [start:rate_limit]
            clock.advance(3.0)  # an empty bucket is full again after one window
            burst = [call(url, "/users/2", timeout=5, headers=alice) for _ in range(4)]
            print("alice, 4 at once:", [reply.status for reply in burst])
            #> alice, 4 at once: [200, 200, 200, 429]
            print("Retry-After:", burst[-1].headers["Retry-After"])
            #> Retry-After: 1
            print("bob, his own bucket:", get("/users/2", bob)[:3])
            #> bob, his own bucket: 200
            clock.advance(1.0)  # one token back
            print("alice, 1 s later:", get("/users/2")[:3], get("/users/2")[:3])
            #> alice, 1 s later: 200 429
            # --8<-- [end:rate_limit]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
