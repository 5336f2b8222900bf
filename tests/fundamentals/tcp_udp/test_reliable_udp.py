"""Stop-and-wait over the lossy relay delivers everything once, in order; its parts alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tcp_udp import reliable_udp
from examples.fundamentals.tcp_udp.lossy_relay import Faults
from examples.fundamentals.tcp_udp.reliable_udp import InOrderReceiver, deliver, packet, unpack


@given(st.lists(st.integers(min_value=0, max_value=5)))
def test_the_receiver_delivers_each_number_once_in_order(arrivals: list[int]) -> None:
    receiver = InOrderReceiver()
    expected, duplicates = 0, 0  # the model: a counter
    for seq in arrivals:
        delivered = receiver.accept(seq, f"m{seq}".encode())
        assert delivered == (seq == expected)
        if seq == expected:
            expected += 1
        elif seq < expected:
            duplicates += 1
    assert receiver.delivered == [f"m{n}".encode() for n in range(expected)]
    assert receiver.duplicates == duplicates


@given(
    kind=st.sampled_from([b"D", b"A"]),
    seq=st.integers(0, 2**32 - 1),
    attempt=st.integers(0, 255),
    payload=st.binary(),
)
def test_packets_round_trip(kind: bytes, seq: int, attempt: int, payload: bytes) -> None:
    assert unpack(packet(kind, seq, attempt, payload)) == (kind, seq, attempt, payload)


def test_a_datagram_shorter_than_the_header_is_refused() -> None:
    with pytest.raises(ValueError, match="no room for the header"):
        unpack(b"D\x00")


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_every_message_arrives_once_and_in_order_despite_loss(seed: int) -> None:
    messages = [f"m{n}".encode() for n in range(6)]
    receiver, attempts, relay = deliver(messages, Faults(seed=seed, loss=0.3))
    assert receiver.delivered == messages
    assert sum(attempts) - len(messages) == relay.dropped  # one resend per lost datagram


def test_without_loss_nothing_is_sent_twice() -> None:
    receiver, attempts, relay = deliver([b"a", b"b", b"c"], Faults(seed=1))
    assert (attempts, relay.dropped, receiver.duplicates) == ([1, 1, 1], 0, 0)


def test_a_dead_path_fails_clearly_after_the_last_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reliable_udp, "RESEND_AFTER_S", 0.01)
    with pytest.raises(TimeoutError, match="message 0 unacknowledged after 10 tries"):
        deliver([b"lost"], Faults(seed=1, loss=1.0))
