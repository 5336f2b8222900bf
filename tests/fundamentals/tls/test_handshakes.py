"""Real TLS 1.3 handshakes over loopback: what the contexts accept, refuse and negotiate."""

from __future__ import annotations

import dataclasses
import ssl
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tls import local_ca
from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority, Issued, _builder, pem
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls, tls_connection

from .conftest import Pki

API = "api.example.test"
GREETING = "hello anonymous, TLSv1.3, alpn h2"


def greeting_from(pki: Pki, identity, name: str = API, client: ssl.SSLContext | None = None) -> str:
    with serve_tls(server_context(identity)) as server:
        return read_greeting(server.port, client or client_context([pki.root.certificate]), name)


def test_a_good_certificate_gives_tls_1_3_and_h2(pki: Pki) -> None:
    assert greeting_from(pki, pki.api) == GREETING


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong name", "Hostname mismatch, certificate is not valid for 'db.example.test'."),
        ("expired", "certificate has expired"),
        ("not yet valid", "certificate is not yet valid"),
        ("unknown root", "unable to get local issuer certificate"),
        ("no intermediate", "unable to get local issuer certificate"),
        ("client certificate", "unsuitable certificate purpose"),
    ],
)
def test_the_client_refuses_bad_server_certificates(pki: Pki, case: str, expected: str) -> None:
    name, identity = API, pki.api
    if case == "wrong name":
        name = "db.example.test"
    elif case == "expired":
        identity = pki.server(API, issued_at=pki.now - timedelta(days=91))
    elif case == "not yet valid":
        identity = pki.server(API, issued_at=pki.now + timedelta(days=1))
    elif case == "unknown root":
        other = Authority.root("Other Root", pki.now, timedelta(days=10))
        identity = other.issue([API], "server", pki.now, timedelta(days=1))
    elif case == "no intermediate":
        identity = dataclasses.replace(pki.api, chain=())
    elif case == "client certificate":  # made for clientAuth, presented by a server
        identity = pki.services_ca.issue([API], "client", pki.now, timedelta(days=1))
    assert greeting_from(pki, identity, name) == expected


def test_a_cn_only_certificate_passes_pythons_default_but_not_our_client(pki: Pki) -> None:
    cn_only = pki.servers_ca.issue([API], "server", pki.now, timedelta(days=1), subject_alt_names=False)
    python_default = ssl.create_default_context(cadata=pem([pki.root.certificate]))
    assert python_default.hostname_checks_common_name is True  # the claim on the page
    assert greeting_from(pki, cn_only, client=python_default).startswith("hello anonymous")
    assert greeting_from(pki, cn_only).startswith("Hostname mismatch")


@pytest.mark.parametrize(
    ("asked", "accepted"),
    [("api.example.test", True), ("API.Example.TEST", True), ("a.b.example.test", False), ("example.test", False)],
)
def test_a_wildcard_covers_exactly_one_leftmost_label(pki: Pki, asked: str, accepted: bool) -> None:
    result = greeting_from(pki, pki.server("*.example.test"), asked)
    assert result.startswith("hello") is accepted, result


@settings(max_examples=15, deadline=None)
@given(
    certified=st.sampled_from(["api.example.test", "www.example.test", "example.test", "api.example.org"]),
    asked=st.sampled_from(
        ["api.example.test", "WWW.example.test", "example.test", "api.example.org", "x.api.example.test"]
    ),
)
def test_openssl_matches_names_as_exact_case_insensitive_equality(pki: Pki, certified: str, asked: str) -> None:
    """The model: without wildcards, a name matches iff it is the same name, ignoring case."""
    result = greeting_from(pki, pki.server(certified), asked)
    assert result.startswith("hello") is (certified == asked.lower()), result


def test_our_client_trusts_only_the_roots_it_was_given(pki: Pki) -> None:
    client = client_context([pki.root.certificate])
    assert [ca["subject"] for ca in client.get_ca_certs()] == [((("commonName", "Test Root CA"),),)]
    with pytest.raises(ValueError, match="at least one root"):
        client_context([])


def test_tls_1_2_is_refused_in_both_directions(pki: Pki) -> None:
    old_client = client_context([pki.root.certificate])
    old_client.minimum_version = old_client.maximum_version = ssl.TLSVersion.TLSv1_2
    with serve_tls(server_context(pki.api)) as server:
        assert read_greeting(server.port, old_client, API) == "TLSV1_ALERT_PROTOCOL_VERSION"
    assert server.failures == ["UNSUPPORTED_PROTOCOL"]
    old_server = server_context(pki.api)
    old_server.minimum_version = old_server.maximum_version = ssl.TLSVersion.TLSv1_2
    with serve_tls(old_server) as server:
        assert read_greeting(server.port, client_context([pki.root.certificate]), API) == "TLSV1_ALERT_PROTOCOL_VERSION"


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (["h2", "http/1.1"], "h2"),
        (["http/1.1", "h2"], "h2"),
        (["http/1.1"], "http/1.1"),
        (["spdy/3"], "none"),
        ((), "none"),
    ],
)
def test_alpn_takes_the_servers_preference_and_goes_on_without_a_match(pki: Pki, offered, chosen: str) -> None:
    client = client_context([pki.root.certificate], alpn=offered)
    assert greeting_from(pki, pki.api, client=client) == f"hello anonymous, TLSv1.3, alpn {chosen}"


def test_a_ticket_resumes_on_the_server_that_issued_it_only(pki: Pki) -> None:
    client = client_context([pki.root.certificate])
    with serve_tls(server_context(pki.api)) as server:
        with tls_connection(server.port, client, API) as tls:
            tls.recv(1024)
            ticket = tls.session
            assert not tls.session_reused
            assert ticket.has_ticket
        with tls_connection(server.port, client, API, session=ticket) as tls:
            assert tls.session_reused
            assert tls.getpeercert()["subjectAltName"] == (("DNS", API),)  # remembered, not resent
    with (
        serve_tls(server_context(pki.api)) as replica,
        tls_connection(replica.port, client, API, session=ticket) as tls,
    ):
        assert not tls.session_reused  # a new context has a new ticket key


def test_a_full_handshake_issues_two_tickets_by_default(pki: Pki) -> None:
    assert server_context(pki.api).num_tickets == 2  # the page counts them on the wire


def test_before_any_data_a_tls_1_3_session_has_no_ticket_yet(pki: Pki) -> None:
    with (
        serve_tls(server_context(pki.api)) as server,
        tls_connection(server.port, client_context([pki.root.certificate]), API) as tls,
    ):
        assert not tls.session.has_ticket  # NewSessionTicket comes after the handshake
        tls.recv(1024)
        assert tls.session.has_ticket


def test_mutual_tls_refusal_reaches_the_client_on_its_first_read(pki: Pki) -> None:
    """In TLS 1.3 the client's handshake ends before the server judges its certificate."""
    mtls = server_context(pki.api, client_roots=[pki.root.certificate])
    with serve_tls(mtls) as server:
        with tls_connection(server.port, client_context([pki.root.certificate]), API) as tls:
            assert tls.version() == "TLSv1.3"  # the handshake returned normally
            with pytest.raises(ssl.SSLError) as refused:
                tls.recv(1024)
        assert refused.value.reason == "TLSV13_ALERT_CERTIFICATE_REQUIRED"
    assert server.failures == ["PEER_DID_NOT_RETURN_A_CERTIFICATE"]


def test_mutual_tls_names_the_client_and_refuses_wrong_ones(pki: Pki) -> None:
    mtls = server_context(pki.api, client_roots=[pki.root.certificate])
    outsider = Authority.root("Outsider", pki.now, timedelta(days=10)).issue(
        ["orders.internal.test"], "client", pki.now, timedelta(days=1)
    )
    results = {}
    with serve_tls(mtls) as server:
        for label, identity in {
            "orders": pki.client("orders.internal.test"),
            "outsider": outsider,
            "server cert": pki.api,
        }.items():
            results[label] = read_greeting(server.port, client_context([pki.root.certificate], identity=identity), API)
    assert results == {
        "orders": "hello orders.internal.test, TLSv1.3, alpn h2",
        "outsider": "TLSV1_ALERT_UNKNOWN_CA",
        "server cert": "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
    }
    assert sorted(server.failures) == [
        "client certificate refused: unable to get local issuer certificate",
        "client certificate refused: unsuitable certificate purpose",
    ]


def test_a_server_without_client_roots_asks_for_no_certificate(pki: Pki) -> None:
    client = client_context([pki.root.certificate], identity=pki.client("orders.internal.test"))
    assert greeting_from(pki, pki.api, client=client) == GREETING  # sent none: "anonymous"


def test_a_ca_below_a_path_length_0_intermediate_is_refused_by_the_client(pki: Pki) -> None:
    """Authority.intermediate refuses to build this chain, so the test signs it by hand."""
    key = ec.generate_private_key(ec.SECP256R1())
    builder = pki.servers_ca._signed_by_me(_builder("Rogue Sub CA", key, pki.now, timedelta(days=10)))
    sub = local_ca._as_ca(builder, key, path_length=0).sign(pki.servers_ca.key, hashes.SHA256())
    rogue = Authority(sub, key, (pki.servers_ca.certificate, pki.root.certificate))
    leaf = rogue.issue([API], "server", pki.now, timedelta(days=1))
    assert leaf.chain == (sub, pki.servers_ca.certificate)
    assert greeting_from(pki, leaf) == "path length constraint exceeded"


@pytest.mark.parametrize(
    ("case", "code", "message"),
    [
        ("missing intermediate", 20, "unable to get local issuer certificate"),
        ("unknown root, not sent", 20, "unable to get local issuer certificate"),
        ("unknown root, sent", 19, "self-signed certificate in certificate chain"),
        ("self-signed leaf", 18, "self-signed certificate"),
    ],
)
def test_what_python_says_for_each_untrusted_chain(pki: Pki, case: str, code: int, message: str) -> None:
    """A missing intermediate reads like an unknown root only when the server sends no root."""
    other = Authority.root("Other Root", pki.now, timedelta(days=10))
    if case == "missing intermediate":
        identity = dataclasses.replace(pki.api, chain=())
    elif case == "unknown root, not sent":
        identity = other.issue([API], "server", pki.now, timedelta(days=1))
    elif case == "unknown root, sent":
        other_ca = other.intermediate("Other CA", pki.now, timedelta(days=5))
        issued = other_ca.issue([API], "server", pki.now, timedelta(days=1))
        identity = dataclasses.replace(issued, chain=(*issued.chain, other.certificate))
    else:
        identity = Issued(other.certificate, other.key, ())  # a CA cert as a leaf: self-signed
    name = "Other Root" if case == "self-signed leaf" else API
    with (
        serve_tls(server_context(identity)) as server,
        pytest.raises(ssl.SSLCertVerificationError) as refused,
        tls_connection(server.port, client_context([pki.root.certificate]), name),
    ):
        pass
    assert (refused.value.verify_code, refused.value.verify_message) == (code, message)
