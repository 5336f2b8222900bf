"""A CA made a moment ago, a TLS 1.3 server on loopback, and a client that trusts it.

Run it: `.venv/bin/python examples/fundamentals/tls/handshake_demo.py`. Nothing
is read from disk; every key is new on every run.
"""

from datetime import UTC, datetime, timedelta

from cryptography import x509

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority, common_name
from examples.fundamentals.tls.tls_server import serve_tls, tls_connection

now = datetime.now(UTC).replace(microsecond=0)  # certificates keep whole seconds

# --8<-- [start:chain]
root = Authority.root("Example Root CA", now, valid_for=timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
api = servers_ca.issue(["api.example.test"], "server", now, timedelta(days=90))

for certificate in (api.certificate, *api.chain, root.certificate):
    print(
        f"{common_name(certificate):<18} signed by {certificate.issuer.rfc4514_string()}"
    )
    #> api.example.test   signed by CN=Example Servers CA
    #> Example Servers CA signed by CN=Example Root CA
    #> Example Root CA    signed by CN=Example Root CA
names = api.certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
print(names.value.get_values_for_type(x509.DNSName))
#> ['api.example.test']
print(api.certificate.not_valid_after_utc - now)
#> 90 days, 0:00:00
# --8<-- [end:chain]

# --8<-- [start:handshake]
client = client_context([root.certificate])  # trusts the root, and only it
with serve_tls(server_context(api)) as server:
    with tls_connection(server.port, client, "api.example.test") as tls:
        print(tls.version(), tls.cipher()[0])
        #> TLSv1.3 TLS_AES_256_GCM_SHA384
        print(tls.selected_alpn_protocol())
        #> h2
        seen = tls.getpeercert()  # only after verification succeeded
        print(seen["subjectAltName"], seen["issuer"])
        #> (('DNS', 'api.example.test'),) ((('commonName', 'Example Servers CA'),),)
        print(tls.recv(1024).decode().strip())
        #> hello anonymous, TLSv1.3, alpn h2
        print(tls.session_reused)
        #> False
        ticket = tls.session  # read after data arrived: TLS 1.3 tickets come late
    # --8<-- [end:handshake]

    # --8<-- [start:resume]
    with tls_connection(server.port, client, "api.example.test", session=ticket) as tls:
        print(tls.session_reused, tls.version())
        #> True TLSv1.3
        print(tls.getpeercert()["subjectAltName"])
        #> (('DNS', 'api.example.test'),)
    # --8<-- [end:resume]
