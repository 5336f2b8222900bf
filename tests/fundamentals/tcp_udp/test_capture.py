"""tcpdump lines become Segments; relative numbers start at each side's SYN."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.tcp_udp.capture import FLAG_NAMES, FLAG_ORDER, Segment, parse_line, relative

# Lines as tcpdump 4.99 prints them with -n -t -S (options trimmed where long).
SYN = "IP 127.0.0.1.41470 > 127.0.0.1.7000: Flags [S], seq 2686261877, win 65495, options [mss 65495], length 0"
PURE_ACK = "IP 127.0.0.1.41470 > 127.0.0.1.7000: Flags [.], ack 3357305947, win 64, length 0"
DATA = "IP 192.0.2.1.59252 > 192.0.2.2.7000: Flags [P.], seq 3091052263:3091052268, ack 2709244678, win 63, length 5"


def test_a_syn_has_its_sequence_number_and_no_ack() -> None:
    segment = parse_line(SYN)
    assert segment == Segment(("127.0.0.1", 41470), ("127.0.0.1", 7000), ("SYN",), 2686261877, None, 0)


def test_a_pure_ack_has_no_sequence_number() -> None:
    segment = parse_line(PURE_ACK)
    assert (segment.flags, segment.seq, segment.ack) == (("ACK",), None, 3357305947)


def test_data_keeps_the_first_sequence_number_and_length() -> None:
    segment = parse_line(DATA)
    assert (segment.flags, segment.seq, segment.length) == (("PSH", "ACK"), 3091052263, 5)


@pytest.mark.parametrize(
    "line",
    [
        "ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28",
        "IP 127.0.0.1.38342 > 127.0.0.1.7001: UDP, length 1",
        "",
        "IP6 ::1.5000 > ::1.7000: Flags [S], seq 1, win 1, length 0",
    ],
)
def test_lines_that_are_not_ipv4_tcp_give_none(line: str) -> None:
    assert parse_line(line) is None


def test_a_flag_written_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        parse_line(SYN.replace("[S]", "[SS]"))


ports = st.integers(min_value=0, max_value=65535)
numbers = st.integers(min_value=0, max_value=2**32 - 1)


@given(
    letters=st.sets(st.sampled_from(sorted(FLAG_NAMES)), min_size=1),
    sport=ports,
    dport=ports,
    seq=st.none() | numbers,
    ack=st.none() | numbers,
    length=st.integers(min_value=0, max_value=65535),
)
def test_a_line_printed_as_tcpdump_prints_it_parses_back(letters, sport, dport, seq, ack, length) -> None:
    flags = "".join(sorted(letters))
    parts = [f"IP 10.0.0.1.{sport} > 10.0.0.2.{dport}: Flags [{flags}]"]
    if seq is not None:
        parts.append(f"seq {seq}:{seq + length}" if length else f"seq {seq}")
    if ack is not None:
        parts.append(f"ack {ack}")
    parts += ["win 512", f"length {length}"]
    segment = parse_line(", ".join(parts))
    assert segment == Segment(
        ("10.0.0.1", sport),
        ("10.0.0.2", dport),
        tuple(name for name in FLAG_ORDER if name in {FLAG_NAMES[c] for c in letters}),
        seq,
        ack,
        length,
    )


@given(client_isn=numbers, server_isn=numbers, sent=st.integers(min_value=0, max_value=10_000))
def test_relative_numbers_count_from_each_syn_across_the_wrap(client_isn: int, server_isn: int, sent: int) -> None:
    client, server = ("c", 1), ("s", 2)
    wrap = 2**32
    segments = [
        Segment(client, server, ("SYN",), client_isn, None, 0),
        Segment(server, client, ("SYN", "ACK"), server_isn, (client_isn + 1) % wrap, 0),
        Segment(client, server, ("FIN", "ACK"), (client_isn + 1 + sent) % wrap, (server_isn + 1) % wrap, 0),
    ]
    shifted = relative(segments)
    assert [(s.seq, s.ack) for s in shifted] == [(0, None), (0, 1), (1 + sent, 1)]
