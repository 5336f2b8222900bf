"""The local CA: chain shape, extensions, validity from the injected now, bad input, key files."""

from __future__ import annotations

import re
import socket
import stat
from datetime import datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import verification
from cryptography.x509.oid import ExtendedKeyUsageOID
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.fundamentals.tls.local_ca import CLOCK_SKEW, Authority, key_files, pem

from .conftest import Pki

LABELS = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
# A last label that is not a number, as no real TLD is: "0.0.0.0" and "a.0x1" read as IPv4.
DNS_NAMES = (
    st.lists(LABELS, min_size=2, max_size=4)
    .map(".".join)
    .filter(lambda n: not re.fullmatch(r"[0-9]+|0x[0-9a-f]*", n.rsplit(".", 1)[1]))
)


def extension(certificate: x509.Certificate, kind: type) -> object:
    return certificate.extensions.get_extension_for_class(kind).value


def verify_as_server(pki: Pki, certificate: x509.Certificate, chain, name: str, at: datetime):
    """cryptography's own path validation (not OpenSSL): an independent check."""
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store([pki.root.certificate]))
        .time(at)
        .build_server_verifier(x509.DNSName(name))
    )
    return verifier.verify(certificate, list(chain))


def test_the_chain_links_leaf_to_intermediate_to_root(pki: Pki) -> None:
    leaf, (intermediate,) = pki.api.certificate, pki.api.chain
    assert intermediate == pki.servers_ca.certificate  # the root is not in the chain
    assert leaf.issuer == intermediate.subject
    assert intermediate.issuer == pki.root.certificate.subject
    leaf_aki = extension(leaf, x509.AuthorityKeyIdentifier).key_identifier
    assert leaf_aki == extension(intermediate, x509.SubjectKeyIdentifier).digest
    path = verify_as_server(pki, leaf, pki.api.chain, "api.example.test", pki.now)
    assert path[-1] == pki.root.certificate


def test_basic_constraints_and_key_usage_by_role(pki: Pki) -> None:
    root, intermediate, leaf = pki.root.certificate, pki.servers_ca.certificate, pki.api.certificate
    assert extension(root, x509.BasicConstraints).path_length == 1
    assert extension(intermediate, x509.BasicConstraints).path_length == 0
    assert extension(leaf, x509.BasicConstraints).ca is False
    assert extension(intermediate, x509.KeyUsage).key_cert_sign
    assert not extension(leaf, x509.KeyUsage).key_cert_sign
    assert extension(leaf, x509.KeyUsage).digital_signature


def test_an_intermediate_cannot_sign_another_ca(pki: Pki) -> None:
    with pytest.raises(ValueError, match="path length 0"):
        pki.servers_ca.intermediate("Sub CA", pki.now, timedelta(days=1))


@pytest.mark.parametrize(
    ("purpose", "oid"), [("server", ExtendedKeyUsageOID.SERVER_AUTH), ("client", ExtendedKeyUsageOID.CLIENT_AUTH)]
)
def test_extended_key_usage_follows_the_purpose(pki: Pki, purpose: str, oid) -> None:
    issued = pki.servers_ca.issue(["x.example.test"], purpose, pki.now, timedelta(days=1))
    assert list(extension(issued.certificate, x509.ExtendedKeyUsage)) == [oid]


def test_validity_is_exact_from_the_injected_now(pki: Pki) -> None:
    then = pki.now - timedelta(days=400, microseconds=123)
    issued = pki.servers_ca.issue(["old.example.test"], "server", then, timedelta(days=90))
    start = then.replace(microsecond=0)
    assert issued.certificate.not_valid_after_utc == start + timedelta(days=90)
    assert issued.certificate.not_valid_before_utc == start - CLOCK_SKEW


def test_names_are_lowercased_and_the_first_is_the_common_name(pki: Pki) -> None:
    issued = pki.server("API.Example.Test", "*.cdn.example.test")
    sans = extension(issued.certificate, x509.SubjectAlternativeName)
    assert sans.get_values_for_type(x509.DNSName) == ["api.example.test", "*.cdn.example.test"]
    assert issued.certificate.subject.rfc4514_string() == "CN=api.example.test"


def test_without_subject_alt_names_only_the_cn_carries_the_name(pki: Pki) -> None:
    issued = pki.servers_ca.issue(["cn.example.test"], "server", pki.now, timedelta(days=1), subject_alt_names=False)
    with pytest.raises(x509.ExtensionNotFound):
        extension(issued.certificate, x509.SubjectAlternativeName)
    with pytest.raises(verification.VerificationError):  # cryptography ignores the CN too
        verify_as_server(pki, issued.certificate, issued.chain, "cn.example.test", pki.now)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "at least one name"),
        (["localhost"], "not a DNS name"),
        (["-api.example.test"], "not a DNS name"),
        (["api-.example.test"], "not a DNS name"),
        (["a" * 64 + ".example.test"], "not a DNS name"),
        (["api..example.test"], "not a DNS name"),
        (["api.example.test."], "not a DNS name"),
        (["api example.test"], "not a DNS name"),
        (["*.*.example.test"], "not a DNS name"),
        (["bücher.example.test"], "A-label"),
        ([("a" * 60 + ".") * 5 + "test"], "not a DNS name"),  # over 253
        (["127.0.0.1"], "IP address"),
        (["10.0.0.255"], "IP address"),
        (["::1"], "IP address"),
        (["2001:db8::1"], "IP address"),
    ],
)
def test_bad_names_are_refused_before_anything_is_signed(pki: Pki, names: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pki.servers_ca.issue(names, "server", pki.now, timedelta(days=1))


@pytest.mark.parametrize("name", ["127.1", "10.1.2", "0x7f.0.0.1", "api.0x7f", "api.example.123"])
def test_names_that_read_as_ipv4_are_refused(pki: Pki, name: str) -> None:
    """Not ip_address() forms, but inet_aton (getaddrinfo) or a browser reads them as IPv4."""
    with pytest.raises(ValueError, match="reads as an IP address"):
        pki.servers_ca.issue([name], "server", pki.now, timedelta(days=1))


def test_shorthand_ipv4_is_what_the_resolver_dials() -> None:
    assert socket.inet_aton("127.1") == socket.inet_aton("0x7f.0.0.1") == socket.inet_aton("127.0.0.1")


def test_a_name_too_long_for_a_cn_goes_in_a_critical_san_alone(pki: Pki) -> None:
    long_name = ("a" * 60 + ".") * 4 + "test"  # 248 characters: a fine DNS name
    issued = pki.server(long_name)
    assert issued.certificate.subject == x509.Name([])
    san = issued.certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert san.critical
    verify_as_server(pki, issued.certificate, issued.chain, long_name, pki.now)
    with pytest.raises(ValueError, match="needs a SAN"):
        pki.servers_ca.issue([long_name], "server", pki.now, timedelta(days=1), subject_alt_names=False)


def test_bad_purpose_times_and_ca_names_are_refused(pki: Pki) -> None:
    with pytest.raises(ValueError, match="purpose"):
        pki.servers_ca.issue(["a.example.test"], "email", pki.now, timedelta(days=1))
    with pytest.raises(ValueError, match="timezone-aware"):
        pki.servers_ca.issue(["a.example.test"], "server", datetime(2026, 1, 1), timedelta(days=1))
    for bad in (timedelta(0), timedelta(days=-1)):
        with pytest.raises(ValueError, match="positive"):
            pki.servers_ca.issue(["a.example.test"], "server", pki.now, bad)
    with pytest.raises(ValueError, match="needs a name"):
        Authority.root("", pki.now, timedelta(days=1))
    with pytest.raises(ValueError, match="needs a name"):
        pki.root.intermediate("", pki.now, timedelta(days=1))


def test_a_leaf_from_the_root_itself_has_an_empty_chain(pki: Pki) -> None:
    issued = pki.root.issue(["direct.example.test"], "server", pki.now, timedelta(days=1))
    assert issued.chain == ()


@settings(max_examples=40, deadline=None)
@given(names=st.lists(DNS_NAMES, min_size=1, max_size=3, unique=True), other=DNS_NAMES)
def test_the_certificate_is_valid_for_exactly_its_names(pki: Pki, names: list[str], other: str) -> None:
    issued = pki.server(*names)
    sans = extension(issued.certificate, x509.SubjectAlternativeName)
    assert sans.get_values_for_type(x509.DNSName) == names
    for name in names:
        verify_as_server(pki, issued.certificate, issued.chain, name, pki.now)
    if other not in names:
        with pytest.raises(verification.VerificationError):
            verify_as_server(pki, issued.certificate, issued.chain, other, pki.now)


def test_key_files_hold_an_encrypted_key_in_a_private_folder_that_goes_away(pki: Pki) -> None:
    with key_files(pki.api) as files:
        folder = files.key.parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(files.key.stat().st_mode) & 0o077 == 0
        key_pem = files.key.read_bytes()
        assert key_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        with pytest.raises(TypeError):  # no password, no key
            serialization.load_pem_private_key(key_pem, password=None)
        loaded = serialization.load_pem_private_key(key_pem, password=files.password.encode())
        assert loaded.public_key() == pki.api.key.public_key()
        chain = x509.load_pem_x509_certificates(files.certificate_chain.read_bytes())
        assert chain == [pki.api.certificate, *pki.api.chain]  # leaf first
    assert not folder.exists()


def test_each_key_files_block_has_its_own_password(pki: Pki) -> None:
    with key_files(pki.api) as first, key_files(pki.api) as second:
        assert first.password != second.password


def test_pem_round_trips(pki: Pki) -> None:
    text = pem([pki.root.certificate, pki.servers_ca.certificate])
    assert x509.load_pem_x509_certificates(text.encode()) == [pki.root.certificate, pki.servers_ca.certificate]
