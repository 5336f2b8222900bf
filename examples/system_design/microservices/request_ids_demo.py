"""One request id through three processes, and their logs joined by it.

The gateway, orders and users each run in a process of their own and write
their own log file. The gateway gives each request a fresh X-Request-ID; orders
passes it on to users. Joining the three files on that id tells one request's
story, including which hop broke.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from examples.system_design.microservices.http_kit import call, join_logs
from examples.system_design.microservices.launcher import (
    start_gateway,
    start_orders,
    start_users,
)


# --8<-- [start:story]
def story(logs: list[Path], request_id: str) -> list[str]:
    """One request's lines from every log, in the order they happened."""
    lines = [f"request {request_id}:"]
    for event in join_logs(logs, request_id):
        lines.append(f"  {event['service']:<8} {event['msg']}")
    return lines


# --8<-- [end:story]


def main(folder: Path) -> None:
    logs = [folder / name for name in ("gateway.jsonl", "orders.jsonl", "users.jsonl")]
    token = secrets.token_urlsafe(16)  # made up for this run: no secret in the code
    with (
        start_users(logs[2]) as users,
        start_orders(logs[1], users.url) as orders,
    ):
        config = {
            "routes": [
                {"prefix": "/users", "service": "users", "timeout": 0.5},
                {"prefix": "/orders", "service": "orders", "timeout": 2.0},
            ],
            "instances": {"users": [users.url], "orders": [orders.url]},
            "rate_limit": {"burst": 100, "window": 1.0},
            "seed": 2,  # seeded request ids, so this page shows the same ones
            "log": str(logs[0]),
        }
        with start_gateway(config, {token: "alice"}) as gateway:
            alice = {"Authorization": f"Bearer {token}"}
            # --8<-- [start:join]
            replies = [
                call(gateway.url, target, timeout=5, headers=alice)
                for target in ("/users/2", "/orders/101")
            ]
            users.kill()  # the third request meets a dead users service
            replies.append(call(gateway.url, "/orders/102", timeout=5, headers=alice))
            for reply in replies:  # the id is in every response: give it to support
                print(reply.status, reply.headers["X-Request-ID"])
                #> 200 d95bafc8-f2a4-427b-9cf4-bb99f4bea973
                #> 200 5c6e4337-15ba-4bdd-9772-19d30e7a269f
                #> 502 cf1822ff-bc68-4778-ab49-1044d5e34124
            ids = [reply.headers["X-Request-ID"] for reply in replies]
            for line in story(logs, ids[1]) + story(logs, ids[2]):
                print(line)
                #> request 5c6e4337-15ba-4bdd-9772-19d30e7a269f:
                #>   users    GET /users/1 -> 200
                #>   orders   call users GET /users/1 -> 200
                #>   orders   GET /orders/101 -> 200
                #>   gateway  GET /orders/101 -> 200 (orders)
                #> request cf1822ff-bc68-4778-ab49-1044d5e34124:
                #>   orders   call users GET /users/1 failed: ConnectionRefusedError
                #>   orders   GET /orders/102 -> 502
                #>   gateway  GET /orders/102 -> 502 (orders)
            # --8<-- [end:join]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
