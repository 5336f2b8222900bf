"""The handshake and teardown as the page describes them, checked on the captured segments."""

from __future__ import annotations

import pytest

from examples.fundamentals.tcp_udp.capture import Segment
from examples.fundamentals.tcp_udp.handshake import PORT, describe, watch_one_connection

Watched = tuple[list[list[str]], list[Segment]]


@pytest.fixture(scope="module")
def watched() -> Watched:
    from examples.fundamentals.tcp_udp.netns import require_namespaces
    from tests.support.servers import require_tools

    require_tools("ip", "tcpdump", "ss")
    require_namespaces()
    return watch_one_connection()


def test_three_segments_open_and_four_close(watched: Watched) -> None:
    _, segments = watched
    flags = [s.flags for s in segments]
    assert flags[:3] == [("SYN",), ("SYN", "ACK"), ("ACK",)]
    assert [f for f in flags if "FIN" in f] == [("FIN", "ACK"), ("FIN", "ACK")]
    assert len(segments) == 9


def test_syn_and_fin_each_use_one_sequence_number(watched: Watched) -> None:
    _, segments = watched
    syn, syn_ack, _, data, data_ack, fin, fin_ack, server_fin, last_ack = segments
    assert syn.seq == 0 and syn_ack.ack == 1  # the SYN took number 0
    assert data.seq == 1 and data_ack.ack == 1 + data.length
    assert fin.seq == 1 + data.length and fin_ack.ack == fin.seq + 1  # the FIN took one more
    assert last_ack.ack == server_fin.seq + 1


def test_the_side_that_closes_first_ends_in_time_wait(watched: Watched) -> None:
    states, segments = watched
    first_fin = next(s for s in segments if "FIN" in s.flags)
    assert first_fin.destination[1] == PORT  # the client sent it
    assert states == [
        ["client ESTAB", "server ESTAB"],
        ["client FIN-WAIT-2", "server CLOSE-WAIT"],
        ["client TIME-WAIT"],
    ]


def test_describe_names_the_roles_by_the_server_port(watched: Watched) -> None:
    _, segments = watched
    assert describe(segments[0]) == "client > server  SYN      seq 0"
    assert describe(segments[3]).endswith("(5 bytes)")
