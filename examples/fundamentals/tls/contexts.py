"""The two `ssl.SSLContext`s every example uses: a TLS 1.3 server and client.

A context holds the settings; each connection wrapped with it inherits them.
Build one per role at startup and share it: making one per connection throws
away the session cache and reloads the certificates every time.
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence

from cryptography import x509

from examples.fundamentals.tls.local_ca import Issued, key_files, pem

HTTP_PROTOCOLS = ("h2", "http/1.1")  # ALPN names, most preferred first


# --8<-- [start:server]
def server_context(
    identity: Issued,
    *,
    alpn: Sequence[str] = HTTP_PROTOCOLS,
    client_roots: Sequence[x509.Certificate] = (),
) -> ssl.SSLContext:
    """A TLS 1.3-only server presenting `identity` (its leaf and intermediates).

    With `client_roots`, the server asks every client for a certificate and
    refuses one that does not chain to those roots: mutual TLS.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    with key_files(identity) as files:
        context.load_cert_chain(files.certificate_chain, files.key, files.password)
    if alpn:
        context.set_alpn_protocols(list(alpn))
    if client_roots:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cadata=pem(client_roots))
    return context


# --8<-- [end:server]


# --8<-- [start:client]
def client_context(
    roots: Sequence[x509.Certificate],
    *,
    alpn: Sequence[str] = HTTP_PROTOCOLS,
    identity: Issued | None = None,
) -> ssl.SSLContext:
    """A TLS 1.3-only client that trusts `roots` and nothing else.

    create_default_context turns on chain and hostname checks. With `cadata`
    it loads only these roots, not the system store: an internal service
    should trust its own CA, not every public one.
    """
    if not roots:
        raise ValueError("a client needs at least one root to trust")
    context = ssl.create_default_context(cadata=pem(roots))
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    # Python still falls back to the subject CN when a certificate has no
    # subjectAltName; RFC 9525 and RFC 9110 (section 4.3.4) say never.
    context.hostname_checks_common_name = False
    if alpn:
        context.set_alpn_protocols(list(alpn))
    if identity is not None:  # a client certificate, for mutual TLS
        with key_files(identity) as files:
            context.load_cert_chain(files.certificate_chain, files.key, files.password)
    return context


# --8<-- [end:client]
