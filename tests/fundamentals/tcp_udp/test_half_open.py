"""Keepalive finds a vanished peer; a restarted peer answers the next send with a reset."""

from __future__ import annotations

import socket

from examples.fundamentals.tcp_udp.half_open import (
    KEEPALIVE_PROBES,
    USER_TIMEOUT_MS,
    enable_keepalive,
    peer_restarts,
    peer_vanishes,
    unanswered_send,
)


def test_keepalive_gives_up_after_its_probes_and_the_plain_connection_never_knows(tcpdump: None) -> None:
    result = peer_vanishes()
    assert result == {
        "keepalive connection": "ETIMEDOUT",
        "probes it sent": KEEPALIVE_PROBES,
        "resets it sent on giving up": 1,
        "connection without keepalive": "ESTABLISHED",
    }


def test_a_restarted_peer_resets_the_connection_on_the_next_send(namespaces: None) -> None:
    assert peer_restarts() == {"client believes": "ESTABLISHED", "after sending": "ECONNRESET"}


def test_enable_keepalive_sets_all_four_options() -> None:
    with socket.socket() as sock:
        enable_keepalive(sock, 30, 5, 4)
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE) == 30
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL) == 5
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT) == 4


def test_user_timeout_fails_a_send_to_a_silent_peer_and_the_default_keeps_resending(namespaces: None) -> None:
    assert unanswered_send() == {
        f"with TCP_USER_TIMEOUT {USER_TIMEOUT_MS} ms": "ETIMEDOUT",
        "without it": "ESTABLISHED, resending: True",
        "resends before the default gives up (tcp_retries2)": 15,
    }
