"""The record tap: record splitting (against a simple model), hello parsing, and what it sees."""

from __future__ import annotations

import socket
import ssl
import struct

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.tls import wire_tap
from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls, tls_connection
from examples.fundamentals.tls.wire_tap import Record, describe, hello_summary, record_tap, split_records

from .conftest import Pki

API = "api.example.test"
RECORDS = st.lists(st.tuples(st.sampled_from([20, 21, 22, 23]), st.binary(max_size=300)), max_size=6)


def encode(records: list[tuple[int, bytes]]) -> bytes:
    return b"".join(struct.pack("!BHH", kind, 0x0303, len(body)) + body for kind, body in records)


@given(records=RECORDS, cut=st.integers(min_value=0))
def test_records_split_anywhere_come_out_whole_and_in_order(records, cut: int) -> None:
    stream = encode(records)
    cut %= len(stream) + 1
    first, rest = split_records(stream[:cut])
    second, leftover = split_records(rest + stream[cut:])
    assert first + second == records
    assert leftover == b""


def test_a_partial_header_or_body_waits_for_more() -> None:
    assert split_records(b"\x16\x03") == ([], b"\x16\x03")
    assert split_records(b"\x16\x03\x03\x00\x05abc") == ([], b"\x16\x03\x03\x00\x05abc")


@pytest.mark.parametrize("stream", [b"GET / HTTP/1.1\r\n", b"\x17\x03\x03\xff\xff"])
def test_bytes_that_are_not_tls_records_are_refused(stream: bytes) -> None:
    with pytest.raises(ValueError, match="not a TLS record"):
        split_records(stream)


@pytest.mark.parametrize("body", [b"", b"\x01\x00\x00", b"\x01" + b"\x00" * 40, b"\x02" + b"\x00" * 38 + b"\x05"])
def test_a_truncated_hello_is_refused(body: bytes) -> None:
    with pytest.raises(ValueError, match="truncated"):
        hello_summary(body)


def test_describe_counts_runs_of_encrypted_records_per_sender() -> None:
    records = [
        Record("server", 23, b""),
        Record("server", 23, b""),
        Record("client", 23, b""),
        Record("server", 21, b""),
    ]
    assert describe(records) == ["server: 2 encrypted record(s)", "client: 1 encrypted record(s)", "server: alert"]
    assert describe([]) == []


def handshake_through_tap(pki: Pki, server: ssl.SSLContext, client: ssl.SSLContext):
    with serve_tls(server) as running, record_tap(running.port) as tap, tls_connection(tap.port, client, API) as tls:
        tls.recv(1024)
        records = tap.snapshot()
    return tap, records


def test_the_observer_reads_sni_and_offers_but_not_the_certificate_or_the_alpn_choice(pki: Pki) -> None:
    tap, records = handshake_through_tap(pki, server_context(pki.api), client_context([pki.root.certificate]))
    hello, reply = hello_summary(records[0].body), hello_summary(records[1].body)
    assert hello["server_name"] == API and hello["alpn"] == ["h2", "http/1.1"]
    assert "alpn" not in reply  # the choice travels in EncryptedExtensions
    assert pki.api.certificate.public_bytes(Encoding.DER) not in tap.raw["server"]
    assert all(r.content_type in (20, 23) for r in records[2:])  # no plaintext handshake after the hellos


def test_in_tls_1_2_the_certificate_crosses_in_the_clear(pki: Pki) -> None:
    server, client = server_context(pki.api), client_context([pki.root.certificate])
    server.minimum_version = client.minimum_version = client.maximum_version = ssl.TLSVersion.TLSv1_2
    tap, _ = handshake_through_tap(pki, server, client)
    assert pki.api.certificate.public_bytes(Encoding.DER) in tap.raw["server"]
    assert pki.servers_ca.certificate.public_bytes(Encoding.DER) in tap.raw["server"]


def test_non_tls_traffic_is_still_relayed_unparsed() -> None:
    with (
        socket.create_server(("127.0.0.1", 0)) as upstream,
        record_tap(upstream.getsockname()[1]) as tap,
        socket.create_connection(("127.0.0.1", tap.port), timeout=5) as client,
    ):
        client.sendall(b"PING\r\n")
        conn, _ = upstream.accept()
        with conn:
            conn.settimeout(5)
            assert conn.recv(1024) == b"PING\r\n"
            conn.sendall(b"PONG\r\n")
        assert client.recv(1024) == b"PONG\r\n"
    assert tap.unparsable
    assert tap.records == []


def test_a_tap_nobody_connects_to_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire_tap, "TIMEOUT_SECONDS", 0.2)
    with socket.create_server(("127.0.0.1", 0)) as upstream, record_tap(upstream.getsockname()[1]) as tap:
        pass
    assert tap.snapshot() == []


def messages(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("    ")]


def test_a_tls_1_2_handshake_is_described_message_by_message(pki: Pki) -> None:
    server, client = server_context(pki.api), client_context([pki.root.certificate])
    server.minimum_version = client.minimum_version = client.maximum_version = ssl.TLSVersion.TLSv1_2
    _, records = handshake_through_tap(pki, server, client)
    assert messages(describe(records)) == [
        "client: ClientHello",
        "server: ServerHello",
        "server: Certificate",  # in the clear, unlike TLS 1.3
        "server: ServerKeyExchange",
        "server: ServerHelloDone",
        "client: ClientKeyExchange",
        "client: change_cipher_spec",
        "client: 1 encrypted record(s)",  # Finished, under the handshake type
        "server: NewSessionTicket",
        "server: change_cipher_spec",
        "server: 2 encrypted record(s)",  # Finished and the greeting
    ]


def test_a_hello_retry_request_is_named_with_the_group_it_asks_for(pki: Pki) -> None:
    server = server_context(pki.api)
    server.set_ecdh_curve("secp384r1")  # the client's first key share is x25519
    _, records = handshake_through_tap(pki, server, client_context([pki.root.certificate]))
    lines = describe(records)
    assert messages(lines)[:5] == [
        "client: ClientHello",
        "server: HelloRetryRequest",
        "server: change_cipher_spec",
        "client: change_cipher_spec",
        "client: ClientHello",  # the second one, still in the clear
    ]
    assert "    key_share: asks for secp384r1" in lines
    assert lines.count("    key_share: secp384r1") == 2  # the new share, and the server's
    assert messages(lines)[6:] == [
        "server: 4 encrypted record(s)",
        "client: 1 encrypted record(s)",
        "server: 3 encrypted record(s)",
    ]


def test_handshake_messages_split_across_records_are_joined() -> None:
    done = bytes([14, 0, 0, 0])  # ServerHelloDone: type, 3-byte length 0
    certificate = bytes([11, 0, 0, 3]) + b"abc"
    records = [Record("server", 22, done + certificate[:5]), Record("server", 22, certificate[5:])]
    assert describe(records) == ["server: ServerHelloDone", "server: Certificate"]


def test_a_client_that_dials_an_ip_address_sends_no_sni(pki: Pki) -> None:
    """RFC 6066 section 3: literal IP addresses are not permitted in HostName."""
    with serve_tls(server_context(pki.api)) as running, record_tap(running.port) as tap:
        result = read_greeting(tap.port, client_context([pki.root.certificate]), "127.0.0.1")
        hello = hello_summary(tap.snapshot()[0].body)
    assert result == "IP address mismatch, certificate is not valid for '127.0.0.1'."
    assert hello["message"] == "ClientHello" and "server_name" not in hello
