"""The Nagle example's server answers each whole request once, however it is split; the options are set."""

from __future__ import annotations

import socket
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tcp_udp.nagle import BODY, HEADER, REPLY, WAYS, answer_every_request, one_write, two_writes

REQUEST = HEADER + BODY


def replies_for(chunks: list[bytes]) -> bytes:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        server = threading.Thread(target=answer_every_request, args=(listener,))
        server.start()
        with socket.create_connection(listener.getsockname(), timeout=5) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for chunk in chunks:
                sock.sendall(chunk)
            sock.shutdown(socket.SHUT_WR)
            received = b""
            while data := sock.recv(64):
                received += data
        server.join(5)
    return received


@settings(max_examples=25, deadline=None)
@given(requests=st.integers(min_value=0, max_value=4), cuts=st.lists(st.integers(min_value=1, max_value=79)))
def test_one_reply_per_complete_request_however_the_bytes_are_split(requests: int, cuts: list[int]) -> None:
    stream = REQUEST * requests + HEADER[:3]  # a partial request at the end gets no reply
    points = sorted({c for c in cuts if c < len(stream)})
    chunks = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    assert replies_for(chunks) == REPLY * requests


def test_both_ways_of_sending_put_the_same_bytes_on_the_wire() -> None:
    for send in (two_writes, one_write):
        a, b = socket.socketpair()
        with a, b:
            send(a)
            assert b.recv(100) == REQUEST


def test_the_table_covers_the_three_cases_the_page_shows() -> None:
    assert {(send.__name__, nodelay) for send, nodelay in WAYS.values()} == {
        ("two_writes", False),
        ("two_writes", True),
        ("one_write", False),
    }
