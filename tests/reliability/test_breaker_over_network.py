"""The breaker in front of a real uvicorn server on loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx2
import pytest

from examples.reliability.breaker_over_network import Dependency, fetch_quotes
from examples.reliability.circuit_breaker import CircuitBreaker, State
from examples.uvicorn_server import serve


@pytest.fixture
def hung() -> Iterator[tuple[httpx2.Client, Dependency]]:
    """A dependency that hangs, and a client with a 0.1 s timeout to call it."""
    dependency = Dependency(mode="hang")
    with (
        serve(dependency.app()) as port,
        httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=0.1) as client,
    ):
        try:
            yield client, dependency
        finally:
            dependency.released.set()  # let hung handlers end so the server stops


def received(dependency: Dependency, expected: int) -> int:
    """The server counts in its own thread; give it a moment (bounded) to catch up."""
    deadline = time.monotonic() + 3
    while dependency.received < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)  # and a little longer, so a count above `expected` shows up
    return dependency.received


def breaker_on(now: list[float], threshold: int) -> CircuitBreaker:
    return CircuitBreaker(
        failure_threshold=threshold, reset_timeout=5, clock=lambda: now[0]
    )


def test_without_a_breaker_every_call_reaches_the_hung_dependency(hung) -> None:
    client, dependency = hung
    assert fetch_quotes(client, 4, breaker=None) == "timeout=4"
    assert received(dependency, 4) == 4


def test_with_a_breaker_only_the_threshold_reaches_it_then_it_recovers(hung) -> None:
    client, dependency = hung
    now = [0.0]
    breaker = breaker_on(now, threshold=2)
    assert fetch_quotes(client, 6, breaker) == "timeout=2 fail-fast=4"
    assert received(dependency, 2) == 2
    dependency.mode = "ok"
    assert fetch_quotes(client, 1, breaker) == "fail-fast=1"  # still open
    now[0] = 5.0
    assert fetch_quotes(client, 2, breaker) == "ok=2"
    assert breaker.state is State.CLOSED


def test_a_failed_trial_reopens_the_breaker(hung) -> None:
    client, _ = hung
    now = [0.0]
    breaker = breaker_on(now, threshold=1)
    assert fetch_quotes(client, 2, breaker) == "timeout=1 fail-fast=1"
    now[0] = 5.0
    assert fetch_quotes(client, 3, breaker) == "timeout=1 fail-fast=2"
    assert breaker.state is State.OPEN


def test_a_callers_4xx_does_not_trip_the_breaker(hung) -> None:
    client, dependency = hung
    dependency.mode = "reject"
    breaker = breaker_on([0.0], threshold=2)
    assert fetch_quotes(client, 5, breaker) == "rejected=5"
    assert received(dependency, 5) == 5  # every call was sent: nothing fails fast
    assert breaker.state is State.CLOSED


def test_fast_5xx_are_counted_and_trip_it(hung) -> None:
    client, dependency = hung
    dependency.mode = "error"
    assert (
        fetch_quotes(client, 5, breaker_on([0.0], threshold=2)) == "5xx=2 fail-fast=3"
    )


def test_a_refused_connection_is_counted_and_trips_it() -> None:
    with serve(Dependency().app()) as port:
        pass  # the server is gone: its port now refuses connections
    with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=1) as client:
        breaker = breaker_on([0.0], threshold=2)
        assert fetch_quotes(client, 4, breaker) == "unreachable=2 fail-fast=2"
        assert breaker.state is State.OPEN
