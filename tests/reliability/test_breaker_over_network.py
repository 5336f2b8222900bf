"""The breaker in front of a real uvicorn server on loopback."""

from __future__ import annotations

import time

import httpx2

from examples.reliability.breaker_over_network import Dependency, fetch_quotes
from examples.reliability.circuit_breaker import CircuitBreaker, State
from examples.uvicorn_server import serve


def wait_for_count(dependency: Dependency, expected: int) -> int:
    """The server counts in its own thread; give it a moment (bounded) to catch up."""
    deadline = time.monotonic() + 3
    while dependency.received < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return dependency.received


def test_without_a_breaker_every_call_reaches_the_hung_dependency() -> None:
    dependency = Dependency(healthy=False)
    with serve(dependency.app()) as port, httpx2.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=0.1
    ) as client:
        try:
            assert fetch_quotes(client, 4, breaker=None) == "timeout=4"
            assert wait_for_count(dependency, 4) == 4
        finally:
            dependency.released.set()


def test_with_a_breaker_only_the_threshold_reaches_it_then_it_recovers() -> None:
    dependency = Dependency(healthy=False)
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout=5, clock=lambda: now[0])
    with serve(dependency.app()) as port, httpx2.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=0.1
    ) as client:
        try:
            assert fetch_quotes(client, 6, breaker) == "timeout=2 fail-fast=4"
            time.sleep(0.2)  # any request still in the socket would be counted by now
            assert wait_for_count(dependency, 2) == 2
            dependency.healthy = True
            now[0] = 5.0
            assert fetch_quotes(client, 2, breaker) == "ok=2"
            assert breaker.state is State.CLOSED
        finally:
            dependency.released.set()


def test_a_failed_trial_reopens_the_breaker() -> None:
    dependency = Dependency(healthy=False)
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=5, clock=lambda: now[0])
    with serve(dependency.app()) as port, httpx2.Client(
        base_url=f"http://127.0.0.1:{port}", timeout=0.1
    ) as client:
        try:
            assert fetch_quotes(client, 2, breaker) == "timeout=1 fail-fast=1"
            now[0] = 5.0
            assert fetch_quotes(client, 3, breaker) == "timeout=1 fail-fast=2"
            assert breaker.state is State.OPEN
        finally:
            dependency.released.set()
