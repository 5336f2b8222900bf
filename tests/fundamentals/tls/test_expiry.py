"""Expiry status at exact dates (and against a simple model), and the probe that reads what a server presents."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.expiry import PAGE_WITHIN, expiry_status, presented_certificate, time_left
from examples.fundamentals.tls.sni_routing import route_by_name
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls

from .conftest import Pki

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ninety_day(pki: Pki):
    """Issued at NOW: not_before NOW - 5 min, not_after NOW + 90 days."""
    return pki.servers_ca.issue(["api.example.test"], "server", NOW, timedelta(days=90)).certificate


@pytest.mark.parametrize(
    ("after", "status"),
    [
        (timedelta(0), "ok"),
        (timedelta(days=59, hours=23), "ok"),
        (timedelta(days=60, minutes=2), "renew"),  # a third of 90 days and 5 minutes is left
        (timedelta(days=83), "page"),  # exactly 7 days left
        (timedelta(days=89, hours=23), "page"),
        (timedelta(days=90), "expired"),
        (timedelta(days=400), "expired"),
    ],
)
def test_status_at_exact_moments(ninety_day, after: timedelta, status: str) -> None:
    assert expiry_status(ninety_day, NOW + after) == status


def test_time_left_is_negative_after_expiry(ninety_day) -> None:
    assert time_left(ninety_day, NOW) == timedelta(days=90)
    assert time_left(ninety_day, NOW + timedelta(days=91)) == timedelta(days=-1)


def test_a_naive_now_is_refused(ninety_day) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        expiry_status(ninety_day, datetime(2026, 6, 1))


def model_status(lifetime: timedelta, left: timedelta) -> str:
    if left <= timedelta(0):
        return "expired"
    if left <= timedelta(days=7):
        return "page"
    return "renew" if left * 3 <= lifetime else "ok"


@given(days=st.integers(min_value=1, max_value=400), elapsed=st.integers(min_value=0, max_value=400 * 24))
def test_status_matches_the_model_for_any_lifetime(pki: Pki, days: int, elapsed: int) -> None:
    certificate = pki.root.issue(["m.example.test"], "server", NOW, timedelta(days=days)).certificate
    at = NOW + timedelta(hours=elapsed)
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert expiry_status(certificate, at) == model_status(lifetime, certificate.not_valid_after_utc - at)
    assert timedelta(days=7) == PAGE_WITHIN


def test_the_probe_reads_an_expired_certificate_that_a_client_refuses(pki: Pki) -> None:
    expired = pki.server("api.example.test", issued_at=pki.now - timedelta(days=100))
    with serve_tls(server_context(expired)) as server:
        seen = presented_certificate("127.0.0.1", server.port, "api.example.test")
        refused = read_greeting(server.port, client_context([pki.root.certificate]), "api.example.test")
    assert seen == expired.certificate
    assert expiry_status(seen, pki.now) == "expired"
    assert refused == "certificate has expired"


def test_the_probe_sends_sni_so_it_sees_the_right_site(pki: Pki) -> None:
    www = pki.server("www.example.test")
    sites = {"api.example.test": server_context(pki.api), "www.example.test": server_context(www)}
    with serve_tls(route_by_name(sites)) as server:
        assert presented_certificate("127.0.0.1", server.port, "www.example.test") == www.certificate


def test_the_probe_fails_clearly_on_a_port_that_does_not_speak_tls() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        listener.settimeout(5)

        def answer_plaintext() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        thread = threading.Thread(target=answer_plaintext)
        thread.start()
        with pytest.raises(OSError):  # ssl.SSLError is an OSError
            presented_certificate("127.0.0.1", port, "api.example.test")
        thread.join()
