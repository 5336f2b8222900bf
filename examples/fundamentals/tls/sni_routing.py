"""One address, several sites: pick the certificate by the name the client sent (SNI).

The ClientHello's server_name extension (RFC 6066, section 3) arrives before
the server has sent anything, so the server can choose which certificate to
present. This is how one load balancer IP serves many HTTPS hostnames.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping


# --8<-- [start:router]
def route_by_name(sites: Mapping[str, ssl.SSLContext]) -> ssl.SSLContext:
    """A server context that presents `sites[name]`'s certificate for each handshake.

    Only the certificate, its key and the ALPN list follow the name: OpenSSL
    keeps the first context's client-certificate rule and TLS versions for
    the whole handshake. So sites that differ in those are refused here, or
    a mutual-TLS site next to a plain one would take anonymous clients.
    The first site's context becomes the front one (its sni_callback is set).

    A name we do not serve, or no name at all (a client that dialed an IP
    address sends none), ends the handshake with an unrecognized_name alert
    rather than handing out some other site's certificate.
    """
    if not sites:
        raise ValueError("route_by_name needs at least one site")
    lowered = {name.lower(): context for name, context in sites.items()}
    front = next(iter(lowered.values()))
    for setting in ("verify_mode", "minimum_version", "maximum_version"):
        values = {getattr(context, setting) for context in lowered.values()}
        if len(values) > 1:
            raise ValueError(f"sites differ in {setting}: give each its own address")

    def choose(
        connection: ssl.SSLObject | ssl.SSLSocket,
        server_name: str | None,
        _context: ssl.SSLContext,
    ) -> int | None:
        site = lowered.get((server_name or "").lower())
        if site is None:
            return ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME
        connection.context = site  # this handshake continues with site's certificate
        return None

    front.sni_callback = choose
    return front


# --8<-- [end:router]
