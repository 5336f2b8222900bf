"""Expiry status at exact dates (and against a simple model), and the probe that reads what a server presents."""

from __future__ import annotations

import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.expiry import expiry_status, presented_certificate, time_left
from examples.fundamentals.tls.local_ca import Authority
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
        (timedelta(days=74, hours=23), "renew"),  # just over a sixth left
        (timedelta(days=75, minutes=1), "page"),  # a sixth of 90 days and 5 minutes is left
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


def test_a_certificate_before_its_start_is_not_yet_valid_not_ok(ninety_day) -> None:
    assert expiry_status(ninety_day, NOW - timedelta(minutes=6)) == "not yet valid"
    assert expiry_status(ninety_day, NOW - timedelta(minutes=5)) == "ok"  # not_valid_before itself


@pytest.mark.parametrize(("days", "renew_at", "page_at"), [(200, 133, 166), (100, 66, 83), (47, 31, 39), (1, 0, 0)])
def test_thresholds_scale_with_the_lifetime(pki: Pki, days: int, renew_at: int, page_at: int) -> None:
    """A fixed 7-day page leaves 3.5% of a 200-day life for the fix, and is longer than a 1-day one."""
    certificate = pki.root.issue(["m.example.test"], "server", NOW, timedelta(days=days)).certificate
    if days == 1:
        assert expiry_status(certificate, NOW + timedelta(hours=17)) == "renew"
        assert expiry_status(certificate, NOW + timedelta(hours=21)) == "page"
        return
    assert expiry_status(certificate, NOW + timedelta(days=renew_at - 1)) == "ok"
    assert expiry_status(certificate, NOW + timedelta(days=renew_at + 1)) == "renew"
    assert expiry_status(certificate, NOW + timedelta(days=page_at + 1)) == "page"


def model_status(lifetime: timedelta, left: timedelta) -> str:
    if left <= timedelta(0):
        return "expired"
    if left * 6 <= lifetime:
        return "page"
    return "renew" if left * 3 <= lifetime else "ok"


@given(days=st.integers(min_value=1, max_value=400), elapsed=st.integers(min_value=0, max_value=400 * 24))
def test_status_matches_the_model_for_any_lifetime(pki: Pki, days: int, elapsed: int) -> None:
    certificate = pki.root.issue(["m.example.test"], "server", NOW, timedelta(days=days)).certificate
    at = NOW + timedelta(hours=elapsed)
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert expiry_status(certificate, at) == model_status(lifetime, certificate.not_valid_after_utc - at)


def test_the_probe_reads_an_expired_certificate_that_a_client_refuses(pki: Pki) -> None:
    expired = pki.server("api.example.test", issued_at=pki.now - timedelta(days=100))
    with serve_tls(server_context(expired)) as server:
        seen = presented_certificate("127.0.0.1", server.port, "api.example.test", [pki.root.certificate])
        refused = read_greeting(server.port, client_context([pki.root.certificate]), "api.example.test")
    assert seen == expired.certificate
    assert expiry_status(seen, pki.now) == "expired"
    assert refused == "certificate has expired"


def test_the_probe_sends_sni_so_it_sees_the_right_site(pki: Pki) -> None:
    www = pki.server("www.example.test")
    sites = {"api.example.test": server_context(pki.api), "www.example.test": server_context(www)}
    with serve_tls(route_by_name(sites)) as server:
        seen = presented_certificate("127.0.0.1", server.port, "www.example.test", [pki.root.certificate])
    assert seen == www.certificate


@pytest.mark.parametrize(
    ("case", "message"),
    [("impostor", "unable to get local issuer certificate"), ("wrong name", "Hostname mismatch")],
)
def test_the_probe_reports_no_date_for_a_certificate_that_is_not_the_servers(pki: Pki, case: str, message: str) -> None:
    """A probe that skipped verification would report 90 healthy days for an impostor."""
    name, identity = "api.example.test", pki.api
    if case == "impostor":
        impostor_ca = Authority.root("Impostor", pki.now, timedelta(days=10))
        identity = impostor_ca.issue([name], "server", pki.now, timedelta(days=90))
    else:
        name = "db.example.test"
    with serve_tls(server_context(identity)) as server, pytest.raises(ssl.SSLCertVerificationError, match=message):
        presented_certificate("127.0.0.1", server.port, name, [pki.root.certificate])


def test_the_probe_reads_a_not_yet_valid_certificate(pki: Pki) -> None:
    early = pki.server("api.example.test", issued_at=pki.now + timedelta(days=1))
    with serve_tls(server_context(early)) as server:
        seen = presented_certificate("127.0.0.1", server.port, "api.example.test", [pki.root.certificate])
    assert expiry_status(seen, pki.now) == "not yet valid"


def test_the_probe_fails_clearly_on_a_port_that_does_not_speak_tls(pki: Pki) -> None:
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
            presented_certificate("127.0.0.1", port, "api.example.test", [pki.root.certificate])
        thread.join()
