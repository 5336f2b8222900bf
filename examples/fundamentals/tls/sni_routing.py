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
    """A server context that switches to `sites[name]` for each handshake.

    A name we do not serve, or no name at all (a client that dialed an IP
    address sends none), ends the handshake with an unrecognized_name alert
    rather than handing out some other site's certificate.
    """
    if not sites:
        raise ValueError("route_by_name needs at least one site")
    lowered = {name.lower(): context for name, context in sites.items()}

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

    front = next(iter(lowered.values()))  # any one: choose() always replaces it
    front.sni_callback = choose
    return front


# --8<-- [end:router]
