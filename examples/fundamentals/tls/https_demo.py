"""What HTTPS adds to TLS: the name in the URL, SNI, and ALPN choosing HTTP/2.

No DNS server knows api.example.test, so the client dials 127.0.0.1 and is
told separately which name to send as SNI and to verify (httpx's
`sni_hostname` extension) and which Host header to send. In production all
three come from the URL.
"""

import ssl
from datetime import UTC, datetime, timedelta

import httpx2

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.https_server import serve_https, which_protocol
from examples.fundamentals.tls.local_ca import Authority
from examples.fundamentals.tls.sni_routing import route_by_name
from examples.fundamentals.tls.tls_server import serve_tls, tls_connection

now = datetime.now(UTC)
root = Authority.root("Example Root CA", now, timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
api = servers_ca.issue(["api.example.test"], "server", now, timedelta(days=90))

# --8<-- [start:alpn]
as_api = {
    "headers": {"host": "api.example.test"},
    "extensions": {"sni_hostname": "api.example.test"},
}
with serve_https(which_protocol, api) as port:
    for http2 in (True, False):
        # httpx sets the ALPN list itself: ["h2", "http/1.1"] or ["http/1.1"].
        tls = client_context([root.certificate], alpn=())
        with httpx2.Client(verify=tls, http2=http2, timeout=5.0) as client:
            response = client.get(f"https://127.0.0.1:{port}/", **as_api)
            print(response.http_version, response.json())
            #> HTTP/2 {'scheme': 'https', 'http': '2'}
            #> HTTP/1.1 {'scheme': 'https', 'http': '1.1'}
# --8<-- [end:alpn]


# --8<-- [start:sni]
def presented(port: int, name: str) -> str:
    """Which certificate the server chose for `name`, or why it refused."""
    try:
        with tls_connection(port, client_context([root.certificate]), name) as tls:
            tls.recv(1024)
            return tls.getpeercert()["subjectAltName"][0][1]
    except ssl.SSLError as error:
        return f"refused: {error.reason}"


names = ["api.example.test", "www.example.test"]
sites = {
    name: server_context(servers_ca.issue([name], "server", now, timedelta(days=90)))
    for name in names
}
with serve_tls(route_by_name(sites)) as server:
    for name in [*names, "mail.example.test", "127.0.0.1"]:
        print(f"{name:<17} -> {presented(server.port, name)}")
        #> api.example.test  -> api.example.test
        #> www.example.test  -> www.example.test
        #> mail.example.test -> refused: TLSV1_UNRECOGNIZED_NAME
        #> 127.0.0.1         -> refused: TLSV1_UNRECOGNIZED_NAME
# --8<-- [end:sni]
