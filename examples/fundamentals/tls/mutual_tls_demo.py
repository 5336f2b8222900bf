"""Mutual TLS: the server asks for a client certificate and refuses a client without one.

Services get client certificates from their own intermediate, Example
Services CA. The server trusts the root for clients, so the handshake also
accepts a client certificate from the Servers CA; the authorization step
therefore checks the issuer as well as the name.
"""

import ssl
from datetime import UTC, datetime, timedelta

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority, Issued
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls

now = datetime.now(UTC)
root = Authority.root("Example Root CA", now, timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
services_ca = root.intermediate("Example Services CA", now, timedelta(days=1825))
api = servers_ca.issue(["api.example.test"], "server", now, timedelta(days=90))
day = timedelta(days=1)  # short-lived client certificates, renewed by automation

# --8<-- [start:authorize]
ALLOWED_CALLERS = {"orders.internal.test"}  # who may call this endpoint
# Only this CA issues service identities; any CA under the root could sign a
# certificate for an allowed name.
SERVICE_ISSUER = "Example Services CA"


def authorize(connection: ssl.SSLSocket) -> None:
    """Authentication happened in the handshake; authorization is ours to do."""
    peer = connection.getpeercert()  # verified, or the handshake had failed
    issuer = {key: value for rdn in peer["issuer"] for key, value in rdn}
    names = {value for kind, value in peer.get("subjectAltName", ()) if kind == "DNS"}
    trusted = issuer.get("commonName") == SERVICE_ISSUER
    verdict = "welcome" if trusted and names & ALLOWED_CALLERS else "forbidden"
    connection.sendall(f"{verdict} {', '.join(sorted(names))}\n".encode())
    connection.recv(1)


# --8<-- [end:authorize]


# --8<-- [start:mtls]
def call(identity: Issued | None) -> tuple[str, str]:
    """Call a mutual-TLS server as `identity`: what each side saw."""
    mtls = server_context(api, client_roots=[root.certificate])
    with serve_tls(mtls, authorize) as server:
        context = client_context([root.certificate], identity=identity)
        seen_by_client = read_greeting(server.port, context, "api.example.test")
    return seen_by_client, ", ".join(server.failures) or "no failure"


orders = services_ca.issue(["orders.internal.test"], "client", now, day)
billing = services_ca.issue(["billing.internal.test"], "client", now, day)
outsider_ca = Authority.root("Some Other Root", now, timedelta(days=3650))
outsider = outsider_ca.issue(["orders.internal.test"], "client", now, day)
# the right name and a valid chain, from the CA meant for web servers
impostor = servers_ca.issue(["orders.internal.test"], "client", now, day)

seen = {
    "no certificate": call(None),
    "orders": call(orders),
    "billing": call(billing),  # authenticated, but not allowed here
    "outsider": call(outsider),  # the right name, from a CA not trusted here
    "impostor": call(impostor),  # trusted chain, wrong issuing CA
    "server cert": call(api),  # a valid chain, but issued for serverAuth only
}
for caller, (by_client, _) in seen.items():
    print(f"{caller}: {by_client}")
    #> no certificate: TLSV13_ALERT_CERTIFICATE_REQUIRED
    #> orders: welcome orders.internal.test
    #> billing: forbidden billing.internal.test
    #> outsider: TLSV1_ALERT_UNKNOWN_CA
    #> impostor: forbidden orders.internal.test
    #> server cert: SSLV3_ALERT_UNSUPPORTED_CERTIFICATE
for caller, (_, by_server) in seen.items():
    print(f"{caller}: {by_server}")
    #> no certificate: PEER_DID_NOT_RETURN_A_CERTIFICATE
    #> orders: no failure
    #> billing: no failure
    #> outsider: client certificate refused: unable to get local issuer certificate
    #> impostor: no failure
    #> server cert: client certificate refused: unsuitable certificate purpose
# --8<-- [end:mtls]
