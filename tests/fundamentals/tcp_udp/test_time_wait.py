"""TIME-WAIT belongs to whoever closes first; ss's timer formats parse; SO_REUSEADDR on both ends."""

from __future__ import annotations

import socket
import time

import pytest

from examples.fundamentals.tcp_udp import time_wait
from examples.fundamentals.tcp_udp.time_wait import restart_listener, serve_once_and_close_first, time_wait_entries
from tests.support.servers import require_tools


@pytest.fixture(autouse=True)
def _ss() -> None:
    require_tools("ss")


def test_the_server_closing_first_holds_time_wait() -> None:
    port, client_port = serve_once_and_close_first(reuse_address=False)
    [(holder, seconds)] = time_wait_entries(port, client_port)
    assert holder == "server" and 50 < seconds <= 60


def _client_closes_first() -> tuple[int, int]:
    """One connection the client closes first; returns (server port, client port)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client_port = client.getsockname()[1]
            conn, _ = listener.accept()
            client.close()
            with conn:
                conn.settimeout(5)
                assert conn.recv(1) == b""
    # The client enters TIME-WAIT when the server's FIN reaches it, which the
    # kernel handles a moment after close() returns: wait for it, briefly.
    deadline = time.monotonic() + 5
    while not time_wait_entries(port, client_port) and time.monotonic() < deadline:
        time.sleep(0.01)
    return port, client_port


def test_the_client_closing_first_holds_time_wait() -> None:
    port, client_port = _client_closes_first()
    assert [holder for holder, _ in time_wait_entries(port, client_port)] == ["client"]


def test_another_connection_on_the_same_port_number_is_not_counted() -> None:
    """The CI failure: an earlier client of a server on this port number was still in TIME-WAIT."""
    port, client_port = _client_closes_first()
    assert len(time_wait_entries(port, client_port)) == 1
    with socket.socket() as unrelated:  # a port that took part in no connection
        unrelated.bind(("127.0.0.1", 0))
        assert time_wait_entries(port, unrelated.getsockname()[1]) == []


def test_restart_needs_reuse_on_the_old_listener_too() -> None:
    assert restart_listener(serve_once_and_close_first(reuse_address=False)[0]) == "EADDRINUSE"
    assert restart_listener(serve_once_and_close_first(reuse_address=True)[0]) == "listening"


@pytest.mark.parametrize(
    ("timer", "seconds"),
    [("1min", 60), ("59sec", 59), ("1min2sec", 62), ("900ms", 0.9)],
)
def test_every_timer_format_ss_prints_parses(timer: str, seconds: float) -> None:
    line = f"0 0 127.0.0.1:7000 127.0.0.1:40000 timer:(timewait,{timer},0)"
    assert time_wait.timer_seconds(line) == pytest.approx(seconds)


@pytest.mark.parametrize("line", ["0 0 127.0.0.1:7000 127.0.0.1:40000", "timer:(timewait,,0)"])
def test_a_line_without_a_timer_is_refused(line: str) -> None:
    with pytest.raises(ValueError, match="no timewait timer"):
        time_wait.timer_seconds(line)
