"""TCP_INFO read from the socket names the states RFC 9293 names."""

from __future__ import annotations

import socket
import time

import pytest

from examples.fundamentals.tcp_udp import tcp_info as module
from examples.fundamentals.tcp_udp.tcp_info import tcp_info


def wait_for_state(sock: socket.socket, state: str) -> str:
    deadline = time.monotonic() + 5
    while (seen := tcp_info(sock).state) != state and time.monotonic() < deadline:
        time.sleep(0.005)
    return seen


def test_states_through_a_close_started_by_the_peer() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        assert tcp_info(listener).state == "LISTEN"
        with socket.create_connection(listener.getsockname(), timeout=5) as client:
            server, _ = listener.accept()
            assert tcp_info(server).state == "ESTABLISHED"
            client.shutdown(socket.SHUT_WR)
            assert wait_for_state(server, "CLOSE-WAIT") == "CLOSE-WAIT"
            assert wait_for_state(client, "FIN-WAIT-2") == "FIN-WAIT-2"
            server.close()


def test_loopback_does_not_lose_segments() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener, socket.create_connection(
        listener.getsockname(), timeout=5
    ) as client:
        server, _ = listener.accept()
        with server:
            client.sendall(b"x" * 100_000)
            received = 0
            while received < 100_000:
                received += len(server.recv(65536))
        assert tcp_info(client).total_retrans == 0


def test_a_short_answer_from_the_kernel_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "INFO_SIZE", 1000)  # more than the kernel has (Python allows up to 1024)
    with socket.create_server(("127.0.0.1", 0)) as listener, pytest.raises(OSError, match="bytes of tcp_info"):
        tcp_info(listener)
