"""SIGTERM to a real uvicorn child with a request in flight: nothing is lost.

Written to survive a loaded machine: startup is polled (a request sent
before the child's uvicorn runs waits in the backlog, and a timeout there is
"not yet"), the drain is 3 s so the checks made during it have room, they
share one client built before the signal, and after the drain a reset counts
as closed just like a refusal.
"""

from __future__ import annotations

import signal
import threading

from examples.reliability.graceful_shutdown import (
    CLOSED,
    REFUSED,
    fresh_connections,
    in_flight_count,
    start_service,
    status_of,
    wait_until,
)

DRAIN_S = 3.0
SLOW_MS = 7_000  # still running when the drain ends, done well before GRACE_S


def start_slow_request(client, results: list[int | str]) -> threading.Thread:
    slow = threading.Thread(
        target=lambda: results.append(
            status_of(client, f"/work?ms={SLOW_MS}", timeout=30)
        )
    )
    slow.start()
    wait_until(lambda: in_flight_count(client) == 1, "the slow request to start")
    return slow


def test_sigterm_drains_then_refuses_then_finishes_in_flight_then_exits_zero() -> None:
    child, url = start_service(drain_s=DRAIN_S)
    try:
        with fresh_connections(url) as client:
            wait_until(lambda: status_of(client, "/readyz") == 200, "startup")
            finished: list[int | str] = []
            slow = start_slow_request(client, finished)
            child.send_signal(signal.SIGTERM)
            # Readiness fails first, while the server still takes new work,
            # on new connections.
            assert status_of(client, "/readyz") == 503
            assert status_of(client, "/livez") == 200
            assert status_of(client, "/work") == 200
            # Then the listening socket closes...
            wait_until(lambda: status_of(client, "/livez") in CLOSED, "the close")
            assert status_of(client, "/livez") == REFUSED
            # ...while the request that was in flight at SIGTERM is still running.
            assert finished == []
            assert child.poll() is None
            slow.join(timeout=30)
            assert finished == [200]
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)


def test_a_second_signal_skips_the_drain_but_still_finishes_in_flight() -> None:
    # A drain longer than wait_until's 30 s: the listener closing at all
    # shows that the second signal cut the drain short.
    child, url = start_service(drain_s=60.0)
    try:
        with fresh_connections(url) as client:
            wait_until(lambda: status_of(client, "/readyz") == 200, "startup")
            finished: list[int | str] = []
            slow = start_slow_request(client, finished)
            child.send_signal(signal.SIGTERM)
            assert status_of(client, "/readyz") == 503  # the first one: draining
            child.send_signal(signal.SIGTERM)
            wait_until(lambda: status_of(client, "/livez") in CLOSED, "the close")
            # uvicorn does not drop the request in flight on a second SIGTERM
            # (only a second SIGINT forces that): it waits for it.
            assert child.poll() is None
            slow.join(timeout=30)
            assert finished == [200]
        # uvicorn re-raises the signal it handled once stopped, so the exit
        # status says "ended by SIGTERM" rather than 0.
        assert child.wait(timeout=30) == -signal.SIGTERM
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
