"""The loopback echo: the server is another process, bytes come back whole, and it ends with the client."""

from __future__ import annotations

import os

import pytest

from examples.system_design.latency_reference.loopback import MESSAGE, echo_connection, round_trips


def test_the_echo_server_runs_in_another_process_and_exits_with_the_client() -> None:
    with echo_connection() as echo:
        assert echo.server.pid not in (None, os.getpid())
        assert echo.server.is_alive()
        times = round_trips(echo.client, 10)
        echo.client.sendall(MESSAGE)
        echoed = b""
        while len(echoed) < len(MESSAGE):
            echoed += echo.client.recv(len(MESSAGE))
        assert echoed == MESSAGE
    assert len(times) == 10 and all(isinstance(t, int) and t > 0 for t in times)
    assert echo.server.exitcode == 0, "the server should end cleanly once the client closes"


def test_a_count_below_one_is_refused() -> None:
    with echo_connection() as echo, pytest.raises(ValueError, match="count"):
        round_trips(echo.client, 0)
