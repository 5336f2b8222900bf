"""Partial failure: one fan-out request, one slow backend, three policies.

GET /dashboard/1 needs the user (required) and their orders (optional). Orders
is slow, then down, then users is down too. Each gateway below differs only in
the fan-out's timeout and whether it may answer without the orders.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from examples.system_design.microservices.fanout import FanOut, dashboard
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

SLOW_SECONDS = 2.0  # every orders request takes this long
TOKEN = secrets.token_urlsafe(16)  # made up per run: no secret in the code


def make_gateway(fan_out: FanOut, users: str, orders: str) -> Gateway:
    return Gateway(
        routes=[Route("/users", "users", 1.0)],
        resolver=StaticResolver({"users": [users], "orders": [orders]}),
        api_keys={TOKEN: "alice"},
        rate_limit=RateLimit(burst=100, window=1.0),
        fan_outs=[fan_out],
        request_ids=demo_request_ids(seed=5),
    )


def ask(gateway: Gateway, logs: Path) -> tuple[int, str, float]:
    """Status, what came back, and seconds waited, for GET /dashboard/1."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with serve_in_thread(gateway, logs / "gateway.jsonl") as url:
        started = time.monotonic()
        reply = call(url, "/dashboard/1", timeout=10, headers=headers)
        waited = time.monotonic() - started
    body = reply.json()
    if reply.status != 200:
        return reply.status, body["type"].rsplit("/", 1)[-1], waited
    parts = [name for name in ("user", "orders") if body[name] is not None]
    return 200, f"{parts} degraded {body['degraded']}", waited


def main(logs: Path) -> None:
    with (
        start_users(logs / "users.jsonl") as users,
        start_orders(logs / "orders.jsonl", users.url, delay=SLOW_SECONDS) as orders,
    ):
        # --8<-- [start:policies]
        policies = {
            "no timeout": dashboard(timeout=None, degrade=False),
            "timeout, all or nothing": dashboard(timeout=0.5, degrade=False),
            "timeout, degrade": dashboard(timeout=0.5, degrade=True),
        }
        for name, fan_out in policies.items():
            status, got, waited = ask(
                make_gateway(fan_out, users.url, orders.url), logs
            )
            print(f"{name}: {status} {got}, waited {waited >= SLOW_SECONDS}")
            #> no timeout: 200 ['user', 'orders'] degraded [], waited True
            #> timeout, all or nothing: 504 upstream-timeout, waited False
            #> timeout, degrade: 200 ['user'] degraded ['orders'], waited False
        # --8<-- [end:policies]
        # --8<-- [start:down]
        degrade = dashboard(timeout=0.5, degrade=True)
        orders.kill()
        status, got, _ = ask(make_gateway(degrade, users.url, orders.url), logs)
        print(f"orders down, timeout, degrade: {status} {got}")
        #> orders down, timeout, degrade: 200 ['user'] degraded ['orders']
        users.kill()
        status, got, _ = ask(make_gateway(degrade, users.url, orders.url), logs)
        print(f"users down too, timeout, degrade: {status} {got}")
        #> users down too, timeout, degrade: 502 upstream-unreachable
        # --8<-- [end:down]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
