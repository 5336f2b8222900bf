"""SIGTERM to a real uvicorn child with a request in flight: nothing is lost."""

from __future__ import annotations

import signal
import threading

import httpx2

from examples.reliability.graceful_shutdown import start_service, status_of, wait_until


def test_sigterm_drains_then_refuses_then_finishes_in_flight_then_exits_zero() -> None:
    child, url = start_service()
    try:
        wait_until(lambda: status_of(url, "/readyz") == 200, "startup")
        finished: list[int | str] = []
        slow = threading.Thread(
            target=lambda: finished.append(status_of(url, "/work?ms=3000", timeout=10))
        )
        slow.start()
        wait_until(
            lambda: httpx2.get(url + "/livez", timeout=2).json()["in_flight"] == 1,
            "the slow request to start",
        )
        child.send_signal(signal.SIGTERM)
        # Readiness fails first, while the server still takes new work.
        assert status_of(url, "/readyz") == 503
        assert status_of(url, "/livez") == 200
        assert status_of(url, "/work") == 200
        # Then the listening socket closes...
        wait_until(lambda: status_of(url, "/livez") == "refused", "refusing connections")
        # ...while the request that was in flight at SIGTERM is still running.
        assert finished == []
        assert child.poll() is None
        slow.join(timeout=10)
        assert finished == [200]
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)


def test_a_second_signal_skips_the_drain() -> None:
    child, url = start_service()
    try:
        wait_until(lambda: status_of(url, "/readyz") == 200, "startup")
        child.send_signal(signal.SIGTERM)
        assert status_of(url, "/readyz") == 503  # the first one was handled: draining
        child.send_signal(signal.SIGTERM)
        # uvicorn handles the second one itself, and re-raises it once stopped,
        # so the exit status says "ended by SIGTERM" rather than 0.
        assert child.wait(timeout=10) == -signal.SIGTERM
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
