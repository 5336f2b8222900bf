"""The cost of the network: an in-process call, a loopback HTTP call, the gateway hop.

The same lookup three ways: `get_user(1)` as a function call; GET /users/1 to
the users process over loopback; and the same through the gateway process,
which checks the token and the rate limit and then makes that loopback call
itself. Raw timings vary by machine and load, so this file prints only bounds
that hold with a wide margin; `python3 dev.py bench microservices` prints the
medians, the 99th percentiles and the ratios.
"""

from __future__ import annotations

import http.client
import json
import secrets
import socket
import statistics
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from examples.system_design.microservices.http_kit import call, host_port
from examples.system_design.microservices.launcher import start_gateway, start_users
from examples.system_design.microservices.services import get_user

BATCH = 1_000  # in-process calls per timing: one call is shorter than the timer's resolution


def in_process(samples: int) -> list[float]:
    """Seconds per get_user() call, one value per batch of BATCH calls."""
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(BATCH):
            get_user(1)
        times.append((time.perf_counter() - start) / BATCH)
    return times


def over_http(
    base_url: str,
    samples: int,
    *,
    headers: Mapping[str, str] | None = None,
    keep_alive: bool = True,
) -> list[float]:
    """Seconds per GET /users/1 with its JSON decoded, one value per call."""
    times = []
    host, port = host_port(base_url)
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        if keep_alive:  # open the connection untimed: every timed call reuses it
            connection.request("GET", "/users/1", headers=dict(headers or {}))
            connection.getresponse().read()
        for _ in range(samples):
            start = time.perf_counter()
            if keep_alive:
                connection.request("GET", "/users/1", headers=dict(headers or {}))
                response = connection.getresponse()
                status, body = response.status, response.read()
            else:  # a new TCP connection every time: the handshake is paid per call
                reply = call(base_url, "/users/1", timeout=5, headers=headers)
                status, body = reply.status, reply.body
            json.loads(body)
            times.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError(f"GET /users/1 answered {status}")
    finally:
        connection.close()
    return times


@dataclass(frozen=True)
class Setup:
    users_url: str
    gateway_url: str
    headers: dict[str, str]


@contextmanager
def users_behind_gateway(folder: Path) -> Iterator[Setup]:
    """The users service and a gateway in front of it, each in its own process."""
    token = secrets.token_urlsafe(16)
    with start_users(folder / "users.jsonl") as users:
        config = {
            "routes": [{"prefix": "/users", "service": "users", "timeout": 1.0}],
            "instances": {"users": [users.url]},
            "rate_limit": {"burst": 1_000_000, "window": 1.0},  # measure, not refuse
            "seed": None,
            "log": str(folder / "gateway.jsonl"),
        }
        with start_gateway(config, {token: "bench"}) as gateway:
            yield Setup(users.url, gateway.url, {"Authorization": f"Bearer {token}"})


def main(folder: Path) -> None:
    # --8<-- [start:cost]
    print("Python's default socket timeout:", socket.getdefaulttimeout())
    #> Python's default socket timeout: None
    with users_behind_gateway(folder) as setup:
        over_http(setup.gateway_url, 20, headers=setup.headers)  # warm up both hops
        samples: dict[str, list[float]] = {"local": [], "direct": [], "gateway": []}
        for _ in range(10):  # interleaved: a burst of load hits all three alike
            samples["local"] += in_process(20)
            samples["direct"] += over_http(setup.users_url, 20)
            samples["gateway"] += over_http(
                setup.gateway_url, 20, headers=setup.headers
            )
    local, direct, gateway = (statistics.median(t) for t in samples.values())
    # Bounds loose enough to hold on a loaded machine; the benchmark has the ratios.
    print("loopback HTTP call > 100x an in-process call:", direct > 100 * local)
    #> loopback HTTP call > 100x an in-process call: True
    print("through the gateway > the direct call:", gateway > direct)
    #> through the gateway > the direct call: True
    # --8<-- [end:cost]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        main(Path(folder))
