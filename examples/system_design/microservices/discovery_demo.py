"""Service discovery with TTL heartbeats: a dead instance keeps getting traffic until its TTL ends.

Two users instances run as child processes and register with a registry in
this process. An agent loop checks each instance's /health every second (of a
manual clock) and heartbeats the ones that answer. Then one instance crashes.
"""

from __future__ import annotations

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
from examples.system_design.microservices.http_kit import call, is_healthy
from examples.system_design.microservices.launcher import start_users
from examples.system_design.microservices.registry import (
    ServiceRegistry,
    UnknownInstanceError,
)

TTL_SECONDS = 3.0
TOKEN = secrets.token_urlsafe(16)  # made up per run: no secret in the code


# --8<-- [start:agent]
def agent_tick(
    registry: ServiceRegistry, service: str, urls: dict[str, str], ttl: float
) -> None:
    """What a local agent does each interval: heartbeat the instances that are healthy."""
    for instance_id, url in urls.items():
        if not is_healthy(url, timeout=1.0):
            continue  # no heartbeat: its lease runs out at the end of its TTL
        try:
            registry.heartbeat(instance_id)
        except UnknownInstanceError:  # healthy, but its lease ran out: a long pause
            registry.register(service, instance_id, url, ttl=ttl)


# --8<-- [end:agent]


def main(logs: Path) -> None:
    with (
        start_users(logs / "a.jsonl", name="users-a") as users_a,
        start_users(logs / "b.jsonl", name="users-b") as users_b,
    ):
        # --8<-- [start:discovery]
        clock = ManualClock()
        registry = ServiceRegistry(clock)
        urls = {"users-a": users_a.url, "users-b": users_b.url}
        for instance_id, url in urls.items():
            registry.register("users", instance_id, url, ttl=TTL_SECONDS)
        gateway = Gateway(
            routes=[Route("/users", "users", 1.0)],
            resolver=registry,  # the gateway asks the registry on every request
            api_keys={TOKEN: "alice"},
            rate_limit=RateLimit(burst=100, window=1.0),
            clock=clock,
            request_ids=demo_request_ids(seed=11),
        )
        alice = {"Authorization": f"Bearer {TOKEN}"}
        with serve_in_thread(gateway, logs / "gateway.jsonl") as url:

            def four_requests() -> list[int]:
                return [
                    call(url, "/users/1", timeout=5, headers=alice).status
                    for _ in range(4)
                ]

            live = [i.instance_id for i in registry.instances("users")]
            print("t=0 live:", live, four_requests())
            #> t=0 live: ['users-a', 'users-b'] [200, 200, 200, 200]
            users_b.kill()  # crashes: it never deregisters
            for second in range(1, 4):
                clock.advance(1.0)
                agent_tick(registry, "users", urls, TTL_SECONDS)  # users-b fails
                live = [i.instance_id for i in registry.instances("users")]
                print(f"t={second} live:", live, four_requests())
                #> t=1 live: ['users-a', 'users-b'] [200, 502, 200, 502]
                #> t=2 live: ['users-a', 'users-b'] [200, 502, 200, 502]
                #> t=3 live: ['users-a'] [200, 200, 200, 200]
        # --8<-- [end:discovery]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
