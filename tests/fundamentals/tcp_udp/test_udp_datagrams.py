"""UDP keeps each datagram whole and separate; TCP is one stream; ICMP errors reach a connected socket."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tcp_udp import udp_datagrams
from examples.fundamentals.tcp_udp.udp_datagrams import (
    MESSAGES,
    bytes_waiting,
    tcp_reads,
    udp_counter,
    udp_overflow,
    udp_reads,
    udp_to_nobody,
    udp_too_small_buffer,
)


def test_tcp_glues_the_three_writes_and_udp_keeps_them_apart() -> None:
    assert tcp_reads() == [b"".join(MESSAGES)]
    assert udp_reads() == MESSAGES


@settings(max_examples=30, deadline=None)
@given(st.lists(st.binary(min_size=0, max_size=2000), min_size=1, max_size=8))
def test_any_datagrams_come_out_as_they_went_in(messages: list[bytes]) -> None:
    original = udp_datagrams.MESSAGES
    udp_datagrams.MESSAGES = messages
    try:
        assert udp_reads() == messages  # an empty datagram is a datagram too
    finally:
        udp_datagrams.MESSAGES = original


def test_a_short_buffer_cuts_the_datagram_and_the_rest_is_gone() -> None:
    data, truncated, after = udp_too_small_buffer()
    assert (data, truncated, after) == (b"x" * 10, True, b"next")


def test_sending_to_nobody_succeeds_and_the_refusal_comes_later() -> None:
    assert udp_to_nobody() == "send returned 6, then recv raised ConnectionRefusedError"


def test_bytes_waiting_counts_what_the_kernel_holds() -> None:
    a, b = socket.socketpair()
    with a, b:
        assert bytes_waiting(b) == 0
        a.sendall(b"12345")
        assert bytes_waiting(b) == 5


def test_a_full_receive_buffer_drops_datagrams_even_on_loopback() -> None:
    received, counted = udp_overflow(count=200)
    assert 0 < received < 200  # some fit in the buffer, the rest were dropped
    assert counted


def test_a_reader_that_keeps_up_loses_nothing() -> None:
    received, _ = udp_overflow(count=5)  # 5 KB fits in the 16 KB buffer
    assert received == 5


def test_an_unknown_udp_counter_is_a_key_error() -> None:
    assert udp_counter("RcvbufErrors") >= 0
    with pytest.raises(KeyError):
        udp_counter("NoSuchCounter")
