"""SNI routing: each name gets its own certificate; unknown names and bare IPs get an alert."""

from __future__ import annotations

import ssl

import pytest

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.sni_routing import route_by_name
from examples.fundamentals.tls.tls_server import serve_tls, tls_connection

from .conftest import Pki

NAMES = ["api.example.test", "www.example.test"]


def presented(pki: Pki, port: int, name: str) -> str:
    try:
        with tls_connection(port, client_context([pki.root.certificate]), name) as tls:
            tls.recv(1024)
            return tls.getpeercert()["subjectAltName"][0][1]
    except ssl.SSLError as error:
        return error.reason


@pytest.fixture
def sites(pki: Pki) -> dict[str, ssl.SSLContext]:
    return {name: server_context(pki.server(name)) for name in NAMES}


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("api.example.test", "api.example.test"),
        ("WWW.Example.Test", "www.example.test"),
        ("mail.example.test", "TLSV1_UNRECOGNIZED_NAME"),
        ("127.0.0.1", "TLSV1_UNRECOGNIZED_NAME"),  # no SNI for an IP (RFC 6066, section 3)
    ],
)
def test_the_certificate_follows_the_name(pki: Pki, sites, asked: str, expected: str) -> None:
    with serve_tls(route_by_name(sites)) as server:
        assert presented(pki, server.port, asked) == expected


def test_site_keys_are_matched_case_insensitively(pki: Pki) -> None:
    sites = {"API.Example.Test": server_context(pki.server("api.example.test"))}
    with serve_tls(route_by_name(sites)) as server:
        assert presented(pki, server.port, "api.example.test") == "api.example.test"


def test_routing_needs_at_least_one_site() -> None:
    with pytest.raises(ValueError, match="at least one site"):
        route_by_name({})


def test_a_mutual_tls_site_is_never_reached_without_a_client_certificate(pki: Pki) -> None:
    # After the SNI callback switches contexts, OpenSSL keeps the first
    # context's verify mode and version limits for the whole handshake, so a
    # mutual-TLS site behind a plain one would take anonymous clients.
    # route_by_name refuses such a mix instead of serving it.
    plain = server_context(pki.server("www.example.test"))
    mutual = server_context(pki.server("api.example.test"), client_roots=[pki.root.certificate])
    for sites in (
        {"www.example.test": plain, "api.example.test": mutual},
        {"api.example.test": mutual, "www.example.test": plain},
    ):
        with pytest.raises(ValueError, match="verify_mode"):
            route_by_name(sites)
    assert plain.sni_callback is None and mutual.sni_callback is None  # nothing changed on refusal


def test_sites_with_other_tls_versions_are_refused(pki: Pki) -> None:
    strict = server_context(pki.server("api.example.test"))
    loose = server_context(pki.server("www.example.test"))
    loose.minimum_version = ssl.TLSVersion.TLSv1_2
    with pytest.raises(ValueError, match="minimum_version"):
        route_by_name({"api.example.test": strict, "www.example.test": loose})
