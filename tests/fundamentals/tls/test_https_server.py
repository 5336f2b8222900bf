"""HTTPS through Hypercorn: ALPN picks HTTP/2 or HTTP/1.1; a client without the root is refused."""

from __future__ import annotations

import socket
import ssl
from datetime import timedelta

import httpx2
import pytest
from hypercorn.config import Config

from examples.fundamentals.tls.contexts import client_context
from examples.fundamentals.tls.https_server import serve_https, which_protocol
from examples.fundamentals.tls.local_ca import Authority, key_files

from .conftest import Pki

AS_API = {"headers": {"host": "api.example.test"}, "extensions": {"sni_hostname": "api.example.test"}}


def get(pki: Pki, port: int, *, http2: bool, roots=None) -> httpx2.Response:
    tls = client_context(roots or [pki.root.certificate], alpn=())
    with httpx2.Client(verify=tls, http2=http2, timeout=5.0) as client:
        return client.get(f"https://127.0.0.1:{port}/", **AS_API)


@pytest.mark.parametrize(("http2", "version", "scope"), [(True, "HTTP/2", "2"), (False, "HTTP/1.1", "1.1")])
def test_alpn_decides_the_http_version(pki: Pki, http2: bool, version: str, scope: str) -> None:
    with serve_https(which_protocol, pki.api) as port:
        response = get(pki, port, http2=http2)
    assert response.http_version == version
    assert response.json() == {"scheme": "https", "http": scope}


def test_a_client_that_does_not_trust_the_root_gets_no_response(pki: Pki) -> None:
    other = Authority.root("Other Root", pki.now, timedelta(days=10))
    with (
        serve_https(which_protocol, pki.api) as port,
        pytest.raises(httpx2.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        get(pki, port, http2=True, roots=[other.certificate])


def test_dialing_by_ip_checks_the_ip_not_the_name(pki: Pki) -> None:
    with serve_https(which_protocol, pki.api) as port:
        tls = client_context([pki.root.certificate], alpn=())
        with (
            httpx2.Client(verify=tls, timeout=5.0) as client,
            pytest.raises(httpx2.ConnectError, match="IP address mismatch"),
        ):
            client.get(f"https://127.0.0.1:{port}/")  # verifies 127.0.0.1, not api.example.test


def test_tls_1_2_is_refused_though_hypercorns_default_allows_it(pki: Pki) -> None:
    old = client_context([pki.root.certificate], alpn=())
    old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_2
    with serve_https(which_protocol, pki.api) as port:
        with (
            httpx2.Client(verify=old, timeout=5.0) as client,
            pytest.raises(httpx2.ConnectError, match="SSL"),  # asyncio closes, no alert
        ):
            client.get(f"https://127.0.0.1:{port}/", **AS_API)
        assert get(pki, port, http2=True).status_code == 200  # TLS 1.3 still works
    with key_files(pki.api) as files:
        default = Config()
        default.certfile, default.keyfile = str(files.certificate_chain), str(files.key)
        default.keyfile_password = files.password
        assert default.create_ssl_context().minimum_version == ssl.TLSVersion.TLSv1_2  # what the subclass changes


def test_the_server_is_gone_after_the_block(pki: Pki) -> None:
    with serve_https(which_protocol, pki.api) as port:
        assert get(pki, port, http2=True).status_code == 200
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
