"""SSRF on real loopback sockets: each attack works on the vulnerable fetchers and
fails on safe_fetch, and the safe fetcher still does its job."""

from __future__ import annotations

import datetime
import ipaddress
import logging
import socket
import ssl
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from examples.security.web.ssrf_fetch import (
    FetchRefused,
    is_public_address,
    resolve_host,
    safe_fetch,
    vet,
    vulnerable_check_then_fetch,
    vulnerable_fetch,
)
from examples.security.web.ssrf_lab import (
    METADATA_SECRET,
    PARTNER_IP,
    Lab,
    PartnerHandler,
    RebindingResolver,
    loopback_lab,
    public_or_partner,
)
from examples.security.web.webhook_app import create_app

lab_fetch = partial(
    safe_fetch, schemes={"http", "https"}, ports=None, allow_ip=public_or_partner
)


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    with loopback_lab() as running:
        yield running


def internal_urls(lab: Lab) -> dict[str, str]:
    p = lab.port
    meta = f"127.0.0.1:{p}/latest/meta-data/"
    return {
        "ipv6": f"http://[::1]:{lab.ipv6_port}/",
        "decimal": f"http://2130706433:{p}/",
        "hex": f"http://0x7f000001:{p}/",
        "octal": f"http://0177.0.0.1:{p}/",
        "short": f"http://127.1:{p}/",
        "redirect": f"http://{PARTNER_IP}:{p}/go?to=http://{meta}",
    }


@pytest.mark.parametrize(
    "name", ["ipv6", "decimal", "hex", "octal", "short", "redirect"]
)
def test_the_vulnerable_fetcher_leaks_the_metadata(lab: Lab, name: str) -> None:
    assert vulnerable_fetch(internal_urls(lab)[name]).body == METADATA_SECRET


@pytest.mark.parametrize(
    "name", ["ipv6", "decimal", "hex", "octal", "short", "redirect"]
)
def test_safe_fetch_refuses_every_internal_form(lab: Lab, name: str) -> None:
    with pytest.raises(FetchRefused, match="blocked address"):
        lab_fetch(internal_urls(lab)[name])


def test_safe_fetch_still_fetches_an_allowed_host(lab: Lab) -> None:
    fetched = lab_fetch(f"http://{PARTNER_IP}:{lab.port}/hook")
    assert (fetched.status, fetched.body) == (200, b"partner ok")


def test_safe_fetch_follows_a_redirect_that_stays_public(lab: Lab) -> None:
    hook = f"http://{PARTNER_IP}:{lab.port}/hook"
    fetched = lab_fetch(f"http://{PARTNER_IP}:{lab.port}/go?to={hook}")
    assert fetched.body == b"partner ok"


def test_safe_fetch_stops_a_redirect_loop(lab: Lab) -> None:
    base = f"http://{PARTNER_IP}:{lab.port}/go?to="
    with pytest.raises(FetchRefused, match="more than 2 redirects"):
        lab_fetch(base + base + base + base + f"http://{PARTNER_IP}:{lab.port}/hook")


def test_dns_rebinding_beats_check_then_fetch_but_not_the_pinned_ip(lab: Lab) -> None:
    url = f"http://rebind.example.test:{lab.port}/"
    leaked = vulnerable_check_then_fetch(
        url, resolve=RebindingResolver(), allow_ip=public_or_partner
    )
    assert leaked.body == METADATA_SECRET
    resolver = RebindingResolver()
    pinned = lab_fetch(url, resolve=resolver)
    assert pinned.body == b"partner ok"
    assert resolver.calls == 1  # resolved once, connected to what was checked


def test_a_response_over_the_cap_is_refused(lab: Lab) -> None:
    with pytest.raises(FetchRefused, match="larger than 1000000 bytes"):
        lab_fetch(f"http://{PARTNER_IP}:{lab.port}/big")


def test_a_silent_server_times_out() -> None:
    # Listening but never answering: the connect succeeds, the read must not hang.
    with socket.socket() as silent:
        silent.bind((PARTNER_IP, 0))
        silent.listen()
        url = f"http://{PARTNER_IP}:{silent.getsockname()[1]}/"
        with pytest.raises(TimeoutError):
            lab_fetch(url, timeout=0.2)


def vet_default(url: str, **overrides):
    options = {
        "schemes": ("https",),
        "hosts": None,
        "ports": (443,),
        "resolve": lambda host, port: ["93.184.215.14"],
        "allow_ip": is_public_address,
    }
    return vet(url, **{**options, **overrides})


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.com/", "scheme 'http'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("gopher://example.com:6379/_FLUSHALL", "scheme 'gopher'"),
        ("https://user:pw@example.com/", "no user:password@"),
        ("https:///path", "needs a host"),
        ("https://example.com:22/", "port 22 is not allowed"),
        ("https://example.com:6379/", "port 6379 is not allowed"),
    ],
)
def test_bad_urls_are_refused_before_any_lookup(url: str, message: str) -> None:
    def no_lookup(host: str, port: int) -> list[str]:
        raise AssertionError("resolved a URL that should have been refused")

    with pytest.raises(FetchRefused, match=message):
        vet_default(url, resolve=no_lookup)


def test_one_private_answer_among_public_ones_refuses_the_host() -> None:
    with pytest.raises(FetchRefused, match="blocked address"):
        vet_default(
            "https://example.com/", resolve=lambda h, p: ["93.184.215.14", "10.0.0.5"]
        )


def test_a_name_that_does_not_resolve_is_refused() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise socket.gaierror("Name or service not known")

    with pytest.raises(FetchRefused, match="does not resolve"):
        vet_default("https://nowhere.invalid/", resolve=nxdomain)


def test_the_host_allow_list_is_exact() -> None:
    hosts = {"images.example.com"}
    assert vet_default("https://images.example.com/a.png", hosts=hosts).ips == (
        "93.184.215.14",
    )
    for url in [
        "https://images.example.com.evil.test/",
        "https://evil.test/#images.example.com",
    ]:
        with pytest.raises(FetchRefused, match="allow-list"):
            vet_default(url, hosts=hosts)


def test_vet_keeps_the_path_and_query_and_defaults_the_port() -> None:
    target = vet_default("https://example.com/hook?x=1")
    assert (target.port, target.path) == (443, "/hook?x=1")


BLOCKED_NETWORKS = [
    "127.0.0.0/8",
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "169.254.0.0/16",
    "100.64.0.0/10",
    "0.0.0.0/8",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
]


@pytest.mark.parametrize("network", BLOCKED_NETWORKS)
def test_internal_ranges_are_not_public(network: str) -> None:
    net = ipaddress.ip_network(network)
    for ip in (net[0], net[net.num_addresses // 2], net[-1]):
        assert not is_public_address(ip), ip


@given(
    st.ip_addresses(network="127.0.0.0/8")
    | st.ip_addresses(network="169.254.0.0/16")
    | st.ip_addresses(network="10.0.0.0/8")
)
def test_ipv4_mapped_forms_of_internal_addresses_are_blocked(ip) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{ip}")
    assert not is_public_address(ip)
    assert not is_public_address(mapped)


@pytest.mark.parametrize("ip", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(ip: str) -> None:
    assert is_public_address(ipaddress.ip_address(ip))


def test_the_endpoint_answers_a_fixed_400_and_502_and_logs_the_reason(
    lab: Lab, caplog: pytest.LogCaptureFixture
) -> None:
    with TestClient(create_app(lab_fetch)) as client:
        with caplog.at_level(logging.WARNING, "examples.security.web.webhook_app"):
            refused = client.post(
                "/webhooks/test", json={"url": f"http://127.1:{lab.port}/"}
            )
        assert refused.status_code == 400
        assert refused.json() == {"detail": "the URL is not allowed"}
        assert "host '127.1' resolves to a blocked address" in caplog.text
        with socket.socket() as closed:
            closed.bind((PARTNER_IP, 0))  # bound, never listening: connection refused
            down = f"http://{PARTNER_IP}:{closed.getsockname()[1]}/"
            failed = client.post("/webhooks/test", json={"url": down})
        assert failed.json() == {"detail": "the URL could not be fetched"}
        assert failed.status_code == 502
        ok = client.post(
            "/webhooks/test", json={"url": f"http://{PARTNER_IP}:{lab.port}/hook"}
        )
        assert ok.json() == {"status": 200, "preview": "partner ok"}
        extra = client.post(
            "/webhooks/test", json={"url": "https://x.test/", "method": "POST"}
        )
        assert extra.status_code == 422


# HTTPS to the pinned IP: the certificate is for the name, so the check must use it.
@pytest.fixture(scope="module")
def tls_partner(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[int, ssl.SSLContext, list]]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "partner.example.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("partner.example.test")]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder: Path = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_names: list = []
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    server_side.sni_callback = lambda sock, server_name, ctx: server_names.append(
        server_name
    )
    server = ThreadingHTTPServer((PARTNER_IP, 0), PartnerHandler)
    server.socket = server_side.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client_side = ssl.create_default_context(cafile=folder / "cert.pem")
    try:
        yield server.server_address[1], client_side, server_names
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_https_connects_to_the_pinned_ip_with_the_name_as_sni(tls_partner) -> None:
    port, client_side, server_names = tls_partner
    resolver = RebindingResolver()  # would answer 127.0.0.1 on a second lookup
    fetched = lab_fetch(
        f"https://partner.example.test:{port}/hook", resolve=resolver, tls=client_side
    )
    assert fetched.body == b"partner ok"
    assert server_names[-1] == "partner.example.test"
    assert resolver.calls == 1


def test_https_refuses_a_certificate_for_another_name(tls_partner) -> None:
    port, client_side, _ = tls_partner
    with pytest.raises(ssl.SSLCertVerificationError):
        lab_fetch(
            f"https://other.example.test:{port}/hook",
            resolve=lambda h, p: [PARTNER_IP],
            tls=client_side,
        )


def test_an_ipv4_mapped_address_is_judged_by_the_ipv4_rules() -> None:
    assert is_public_address(ipaddress.ip_address("::ffff:8.8.8.8"))
    assert not is_public_address(ipaddress.ip_address("::ffff:169.254.169.254"))


# Addresses that carry an IPv4 address inside, or that Python 3.11.7 calls global.
WRAPPED_OR_MISSED = [
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a00:5",  # NAT64 of 10.0.0.5
    "64:ff9b:1::a00:5",  # local-use NAT64
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "::7f00:1",  # IPv4-compatible 127.0.0.1
    "::808:808",  # IPv4-compatible, even of a public address
    "::ffff:0:7f00:1",  # IPv4-translated
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "fec0::1",  # site-local
    "192.0.0.8",  # IETF protocol assignments
    "192.88.99.1",  # 6to4 relay anycast
    "3fff::1",  # documentation
]


@pytest.mark.parametrize("address", WRAPPED_OR_MISSED)
def test_wrapped_and_special_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1"])
def test_nat64_and_6to4_of_a_public_address_pass(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


def test_resolve_host_keeps_the_resolver_order(monkeypatch) -> None:
    answers = ["2001:db8::1", "10.0.0.1", "2001:db8::1", "9.9.9.9"]

    def getaddrinfo(host, port, type=0):
        return [(socket.AF_INET, type, 6, "", (a, port)) for a in answers]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    assert resolve_host("example.com", 443) == ["2001:db8::1", "10.0.0.1", "9.9.9.9"]


def test_an_unreachable_first_address_falls_back_to_the_next(lab: Lab) -> None:
    # 127.0.0.3 has nothing listening on the lab port, as IPv6 on an IPv4-only host.
    dead, alive = "127.0.0.3", PARTNER_IP
    fetched = safe_fetch(
        f"http://partner.example.test:{lab.port}/hook",
        schemes={"http"},
        ports=None,
        resolve=lambda host, port: [dead, alive],
        allow_ip=lambda ip: str(ip) in {dead, alive},
    )
    assert fetched.body == b"partner ok"


def test_when_every_address_fails_the_last_error_is_raised(lab: Lab) -> None:
    with pytest.raises(ConnectionRefusedError):
        safe_fetch(
            f"http://partner.example.test:{lab.port}/hook",
            schemes={"http"},
            ports=None,
            resolve=lambda host, port: ["127.0.0.3", "127.0.0.4"],
            allow_ip=lambda ip: True,
        )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com:99999/",
        "https://example.com:abc/",
        "https://[::1/",
        "https://bü..cher.example/",  # an empty label
        "https://bad\u2024name.example/",
    ],
)
def test_unparsable_urls_are_refused_not_crashed(url: str) -> None:
    with pytest.raises(FetchRefused):
        vet_default(url)


def test_an_idn_host_becomes_its_a_label_for_every_step() -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["93.184.215.14"]

    target = vet_default(
        "https://Bücher.example/", hosts={"xn--bcher-kva.example"}, resolve=resolve
    )
    assert target.host == "xn--bcher-kva.example"
    assert asked == ["xn--bcher-kva.example"]


def test_the_endpoint_answers_400_for_malformed_and_idn_urls(lab: Lab) -> None:
    fetch = partial(lab_fetch, resolve=lambda host, port: [PARTNER_IP])
    with TestClient(create_app(fetch)) as client:
        for url in ["https://example.com:99999/", "http://[::1/"]:
            response = client.post("/webhooks/test", json={"url": url})
            assert response.json() == {"detail": "the URL is not allowed"}
        idn = client.post(
            "/webhooks/test", json={"url": f"http://bücher.example:{lab.port}/hook"}
        )
        assert idn.json() == {"status": 200, "preview": "partner ok"}


def test_safe_fetch_allows_only_port_443_by_default(lab: Lab) -> None:
    with pytest.raises(FetchRefused, match=f"port {lab.port} is not allowed"):
        safe_fetch(
            f"https://{PARTNER_IP}:{lab.port}/hook",
            resolve=lambda host, port: [PARTNER_IP],
            allow_ip=public_or_partner,
        )
