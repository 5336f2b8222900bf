"""What a circuit breaker saves per call against a dependency that hangs.

A real uvicorn server on loopback holds every request (examples/reliability/
breaker_over_network.py). Without a breaker each call waits for the client's
timeout; with an open breaker, a call is refused before anything is sent.
This prints the median time per call for both, the timeout beside them, and
the ratio. Wall time on purpose: waiting is what is being measured.

    .venv/bin/python benchmarks/reliability.py
"""

from __future__ import annotations

import statistics
import time

import httpx2

from benchmarks.timing import quick_mode
from examples.reliability.breaker_over_network import (
    CLIENT_TIMEOUT_S,
    Dependency,
    fetch_quotes,
)
from examples.reliability.circuit_breaker import CircuitBreaker
from examples.uvicorn_server import serve

CALLS = 3 if quick_mode() else 10


def median_seconds_per_call(
    client: httpx2.Client, breaker: CircuitBreaker | None
) -> float:
    times = []
    for _ in range(CALLS):
        start = time.perf_counter()
        fetch_quotes(client, 1, breaker)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    dependency = Dependency(mode="hang")
    url = "http://127.0.0.1:{}"
    with (
        serve(dependency.app()) as port,
        httpx2.Client(base_url=url.format(port), timeout=CLIENT_TIMEOUT_S) as client,
    ):
        try:
            waiting = median_seconds_per_call(client, breaker=None)
            breaker = CircuitBreaker(failure_threshold=1, reset_timeout=3600)
            fetch_quotes(client, 1, breaker)  # one timeout opens it
            refused = median_seconds_per_call(client, breaker)
        finally:
            dependency.released.set()
    print(f"client timeout                 {CLIENT_TIMEOUT_S * 1000:>10.1f} ms")
    print(f"no breaker, median per call    {waiting * 1000:>10.1f} ms")
    print(f"open breaker, median per call  {refused * 1e6:>10.1f} µs")
    print(f"ratio (no breaker / open breaker) {waiting / refused:,.0f}")


if __name__ == "__main__":
    main()
