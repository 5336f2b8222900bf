"""Certificates a client must refuse, and one that Python accepts by default.

Each case starts a server with one certificate and connects once. The client
says why it hung up; the server, which only receives the client's alert,
says what it learned. The client trusts one root, Example Root CA.
"""

import dataclasses
import ssl
from datetime import UTC, datetime, timedelta

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority, Issued, pem
from examples.fundamentals.tls.tls_server import read_greeting, serve_tls

now = datetime.now(UTC)
root = Authority.root("Example Root CA", now, timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
client = client_context([root.certificate])


def connect(
    identity: Issued, name: str, context: ssl.SSLContext = client
) -> tuple[str, str]:
    """Serve `identity`, connect as a client of `name`: what each side saw."""
    with serve_tls(server_context(identity)) as server:
        seen_by_client = read_greeting(server.port, context, name)
    # After the block the server has stopped, so all its failures are in.
    return seen_by_client, ", ".join(server.failures) or "no failure"


def api_certificate(issued_at: datetime = now, sans: bool = True) -> Issued:
    """A 90-day certificate for api.example.test from Example Servers CA."""
    return servers_ca.issue(
        ["api.example.test"],
        "server",
        issued_at,
        timedelta(days=90),
        subject_alt_names=sans,
    )


# --8<-- [start:cases]
good = api_certificate()
expired = api_certificate(issued_at=now - timedelta(days=100))  # ended 10 days ago
stranger = Authority.root("Some Other Root", now, timedelta(days=3650))
impostor = stranger.issue(["api.example.test"], "server", now, timedelta(days=90))
no_intermediate = dataclasses.replace(good, chain=())  # the server forgot to send it

seen = {
    "good": connect(good, "api.example.test"),
    "wrong name": connect(good, "db.example.test"),
    "expired": connect(expired, "api.example.test"),
    "unknown CA": connect(impostor, "api.example.test"),
    "no intermediate": connect(no_intermediate, "api.example.test"),
}
for case, (by_client, _) in seen.items():
    print(f"{case}: {by_client}")
    #> good: hello anonymous, TLSv1.3, alpn h2
    #> wrong name: Hostname mismatch, certificate is not valid for 'db.example.test'.
    #> expired: certificate has expired
    #> unknown CA: unable to get local issuer certificate
    #> no intermediate: unable to get local issuer certificate
for case, (_, by_server) in seen.items():
    print(f"{case}: {by_server}")
    #> good: no failure
    #> wrong name: SSLV3_ALERT_BAD_CERTIFICATE
    #> expired: SSLV3_ALERT_CERTIFICATE_EXPIRED
    #> unknown CA: TLSV1_ALERT_UNKNOWN_CA
    #> no intermediate: TLSV1_ALERT_UNKNOWN_CA
# --8<-- [end:cases]

# --8<-- [start:common_name]
cn_only = api_certificate(sans=False)  # the name is in the subject CN alone
print(connect(cn_only, "api.example.test")[0])
#> Hostname mismatch, certificate is not valid for 'api.example.test'.
python_default = ssl.create_default_context(cadata=pem([root.certificate]))
print(connect(cn_only, "api.example.test", python_default)[0])
#> hello anonymous, TLSv1.3, alpn none
# --8<-- [end:common_name]
