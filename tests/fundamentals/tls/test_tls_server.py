"""The loopback TLS server: bad clients, timeouts, concurrency, rotation, and stopping."""

from __future__ import annotations

import socket
import ssl
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from examples.fundamentals.tls import tls_server
from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls, subject_common_name, tls_connection

from .conftest import Pki

API = "api.example.test"


def test_plaintext_http_is_refused_and_the_server_keeps_serving(pki: Pki) -> None:
    with serve_tls(server_context(pki.api)) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: api.example.test\r\n\r\n")
            try:
                reply = raw.recv(1024)
            except ConnectionResetError:  # the server closed with our bytes unread
                reply = b""
            assert not reply.startswith(b"HTTP")  # no HTTP answer over a TLS port
        assert read_greeting(server.port, client_context([pki.root.certificate]), API).startswith("hello")
    assert server.failures == ["HTTP_REQUEST"]  # OpenSSL recognizes plain HTTP


def test_a_silent_client_is_dropped_after_the_timeout(pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tls_server, "TIMEOUT_SECONDS", 0.3)
    with (
        serve_tls(server_context(pki.api)) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw,
    ):
        assert raw.recv(1024) == b""  # the server gave up and closed
    assert server.failures == ["TimeoutError"]


def test_a_client_that_hangs_up_mid_handshake_is_recorded(pki: Pki) -> None:
    with serve_tls(server_context(pki.api)) as server, socket.create_connection(("127.0.0.1", server.port), timeout=5):
        pass  # connect and leave at once
    assert len(server.failures) == 1


def test_clients_in_parallel_are_all_served(pki: Pki) -> None:
    client = client_context([pki.root.certificate])
    with serve_tls(server_context(pki.api)) as server, ThreadPoolExecutor(8) as pool:
        greetings = list(pool.map(lambda _: read_greeting(server.port, client, API), range(16)))
    assert greetings == ["hello anonymous, TLSv1.3, alpn h2"] * 16
    assert server.failures == []


def test_rotation_changes_new_connections_only(pki: Pki) -> None:
    client = client_context([pki.root.certificate])
    old, new = pki.api, pki.server(API)
    with serve_tls(server_context(old)) as server, tls_connection(server.port, client, API) as before:
        server.context = server_context(new)
        with tls_connection(server.port, client, API) as after:
            assert after.getpeercert(binary_form=True) == new.certificate.public_bytes(Encoding.DER)
            assert after.recv(1024).startswith(b"hello")
        # The connection made before the swap still holds, with the old certificate.
        assert before.getpeercert(binary_form=True) == old.certificate.public_bytes(Encoding.DER)
        assert before.recv(1024).startswith(b"hello")


def test_stop_closes_the_port(pki: Pki) -> None:
    with serve_tls(server_context(pki.api)) as server:
        port = server.port
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)


def test_the_server_stops_even_when_the_block_raises(pki: Pki) -> None:
    with pytest.raises(RuntimeError), serve_tls(server_context(pki.api)) as server:
        raise RuntimeError("boom")
    assert not server._acceptor.is_alive()


def test_subject_common_name_reads_getpeercert_shapes() -> None:
    peer = {"subject": ((("countryName", "US"),), (("commonName", "orders"),))}
    assert subject_common_name(peer) == "orders"
    assert subject_common_name({"subject": ()}) == ""
    assert subject_common_name({}) == ""


def test_read_greeting_reports_a_verification_failure_as_its_message(pki: Pki) -> None:
    with serve_tls(server_context(pki.api)) as server:
        result = read_greeting(server.port, client_context([pki.root.certificate]), "db.example.test")
    assert result == "Hostname mismatch, certificate is not valid for 'db.example.test'."
    assert isinstance(ssl.SSLCertVerificationError("x"), ssl.SSLError)  # why the order of excepts matters


def test_a_handler_that_raises_is_logged_and_recorded(pki: Pki, caplog: pytest.LogCaptureFixture) -> None:
    def broken(connection: ssl.SSLSocket) -> None:
        raise KeyError("no route for this client")

    client = client_context([pki.root.certificate])
    with serve_tls(server_context(pki.api), broken) as server, tls_connection(server.port, client, API) as tls:
        assert tls.recv(1024) == b""  # the server closed the connection
    assert server.failures == ["handler raised KeyError: 'no route for this client'"]
    (record,) = [r for r in caplog.records if r.name == tls_server.__name__]
    assert record.levelname == "ERROR" and record.exc_info[0] is KeyError
