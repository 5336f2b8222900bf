"""The loopback echo: bytes come back whole, and the server thread ends with the client."""

from __future__ import annotations

import threading

import pytest

from examples.system_design.latency_reference.loopback import MESSAGE, echo_connection, round_trips


def test_round_trips_echo_the_message_and_the_server_stops_afterwards() -> None:
    before = threading.active_count()
    with echo_connection() as client:
        assert round_trips(client, 10) > 0
        client.sendall(MESSAGE)
        echoed = b""
        while len(echoed) < len(MESSAGE):
            echoed += client.recv(len(MESSAGE))
        assert echoed == MESSAGE
    assert threading.active_count() == before


def test_a_count_below_one_is_refused() -> None:
    with echo_connection() as client, pytest.raises(ValueError, match="count"):
        round_trips(client, 0)
