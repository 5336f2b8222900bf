"""Backends in child processes, shared by the tests of this folder, and a leftover check."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from examples.machine_coding.clock import ManualClock
from examples.system_design.microservices.gateway import (
    Gateway,
    RateLimit,
    Route,
    serve_in_thread,
)
from examples.system_design.microservices.http_kit import call
from examples.system_design.microservices.launcher import (
    PACKAGE,
    ServiceProcess,
    start_orders,
    start_users,
)
from examples.system_design.microservices.registry import StaticResolver

TOKENS = {"token-of-alice": "alice", "token-of-bob": "bob"}
ALICE = {"Authorization": "Bearer token-of-alice"}
BOB = {"Authorization": "Bearer token-of-bob"}
# The slow instances take SLOW_SECONDS per data request; FAN_OUT_TIMEOUT must
# let a fast backend answer on a loaded machine and still run out long before
# a slow one does.
SLOW_SECONDS = 3.0
FAN_OUT_TIMEOUT = 1.0


def our_children() -> list[psutil.Process]:
    """Processes started from this package that are still alive under this one."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if any(PACKAGE in part for part in child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


@contextmanager
def refusing_url() -> Iterator[str]:
    """A loopback URL that refuses every connection while the block runs.

    The socket is bound but never listens, so the kernel answers each SYN with
    a reset. It also holds the port (without SO_REUSEADDR), so no other process
    can start listening there, as one could on the port of a killed process.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{holder.getsockname()[1]}"


def hits(service: ServiceProcess) -> int:
    return call(service.url, "/stats", timeout=2).json()["hits"]


@dataclass
class Backends:
    users: ServiceProcess
    orders: ServiceProcess
    slow_users: ServiceProcess
    slow_orders: ServiceProcess
    dead_url: str  # refuses every connection, like the port of a crashed process
    logs: Path

    def resolver(self, **overrides: list[str]) -> StaticResolver:
        instances = {"users": [self.users.url], "orders": [self.orders.url], "slow": [self.slow_users.url]}
        return StaticResolver({**instances, **overrides})


@pytest.fixture(scope="package")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backends]:
    logs = tmp_path_factory.mktemp("microservices")
    with ExitStack() as stack:
        users = stack.enter_context(start_users(logs / "users.jsonl"))
        slow = stack.enter_context(start_users(logs / "slow.jsonl", delay=SLOW_SECONDS, name="slow"))
        orders = stack.enter_context(start_orders(logs / "orders.jsonl", users.url))
        slow_orders = stack.enter_context(start_orders(logs / "slow-orders.jsonl", users.url, delay=SLOW_SECONDS))
        dead_url = stack.enter_context(refusing_url())
        yield Backends(users, orders, slow, slow_orders, dead_url, logs)
    started = [users, slow, orders, slow_orders]
    assert all(service.process.returncode is not None for service in started), "a backend outlived its fixture"
    assert our_children() == [], "a child process was left running"


@pytest.fixture(autouse=True)
def no_child_outlives_its_test() -> Iterator[None]:
    """Every process a test starts has exited, and been reaped, when the test ends.

    Any child counts, zombies too: a zombie is a child that exited and was never
    waited for. Package-scoped fixtures are set up before this one, so the
    shared backends are in `before`.
    """
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    yield
    left = [child.pid for child in psutil.Process().children(recursive=True) if child.pid not in before]
    assert left == [], f"child processes left behind: {left}"


GatewayFactory = Callable[..., tuple[Gateway, str]]


@pytest.fixture
def gateway(backends: Backends, tmp_path: Path) -> Iterator[GatewayFactory]:
    """Build a gateway (routes to users and orders by default) served in a thread."""
    with ExitStack() as stack:

        def make(
            *,
            routes: list[Route] | None = None,
            resolver: object = None,
            burst: int = 100,
            window: float = 1.0,
            clock: ManualClock | None = None,
            **options: object,
        ) -> tuple[Gateway, str]:
            built = Gateway(
                routes or [Route("/users", "users", 1.0), Route("/orders", "orders", 2.0)],
                resolver or backends.resolver(),  # type: ignore[arg-type]
                TOKENS,
                RateLimit(burst, window),
                clock=clock or ManualClock(),
                **options,  # type: ignore[arg-type]
            )
            stack.callback(built.close)
            url = stack.enter_context(serve_in_thread(built, tmp_path / "gateway.jsonl"))
            return built, url

        yield make
