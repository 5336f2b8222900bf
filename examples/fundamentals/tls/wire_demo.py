"""What crosses the network in a TLS 1.3 handshake, as a relay in the middle sees it.

The relay (wire_tap.py) forwards bytes unchanged and decrypts nothing. It
prints the two hellos, which travel in the clear, and counts the encrypted
records. A full handshake, the same connection in TLS 1.2 for contrast, and
a resumed one.
"""

import ssl
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.serialization import Encoding

from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority
from examples.fundamentals.tls.tls_server import serve_tls, tls_connection
from examples.fundamentals.tls.wire_tap import describe, record_tap

now = datetime.now(UTC)
root = Authority.root("Example Root CA", now, timedelta(days=3650))
servers_ca = root.intermediate("Example Servers CA", now, timedelta(days=1825))
api = servers_ca.issue(["api.example.test"], "server", now, timedelta(days=90))
leaf_bytes = api.certificate.public_bytes(Encoding.DER)
client = client_context([root.certificate])

# --8<-- [start:full]
with serve_tls(server_context(api)) as server:
    with (
        record_tap(server.port) as tap,
        tls_connection(tap.port, client, "api.example.test") as tls,
    ):
        tls.recv(1024)  # the greeting: every record before it has passed
        full = tap.snapshot()
        ticket = tls.session
    for line in describe(full):
        print(line)
        #> client: ClientHello
        #>     server_name: api.example.test
        #>     alpn: h2, http/1.1
        #>     versions: TLS 1.3
        #>     key_share: x25519
        #> server: ServerHello
        #>     cipher_suite: TLS_AES_256_GCM_SHA384
        #>     versions: TLS 1.3
        #>     key_share: x25519
        #> server: change_cipher_spec
        #> server: 4 encrypted record(s)
        #> client: change_cipher_spec
        #> client: 1 encrypted record(s)
        #> server: 3 encrypted record(s)
    print("certificate readable on the wire:", leaf_bytes in tap.raw["server"])
    #> certificate readable on the wire: False
    # --8<-- [end:full]

    # --8<-- [start:resumed]
    with (
        record_tap(server.port) as tap,  # the same server, and the ticket it issued
        tls_connection(tap.port, client, "api.example.test", session=ticket) as tls,
    ):
        tls.recv(1024)
        resumed = tap.snapshot()
    for line in describe(resumed):
        if any(word in line for word in ("pre_shared_key", "key_share", "encrypted")):
            print(line)
            #>     key_share: x25519
            #>     pre_shared_key: offered
            #>     key_share: x25519
            #>     pre_shared_key: accepted
            #> server: 2 encrypted record(s)
            #> client: 1 encrypted record(s)
            #> server: 2 encrypted record(s)
# --8<-- [end:resumed]

# --8<-- [start:replica]
# Another replica (or the same one after a restart): its ticket key is new.
with (
    serve_tls(server_context(api)) as replica,
    record_tap(replica.port) as tap,
    tls_connection(tap.port, client, "api.example.test", session=ticket) as tls,
):
    print(tls.session_reused, tls.recv(1024).decode().strip())
    #> False hello anonymous, TLSv1.3, alpn h2
print(next(line for line in describe(tap.snapshot()) if "encrypted" in line))
#> server: 4 encrypted record(s)
# --8<-- [end:replica]

# --8<-- [start:tls12]
# For contrast only: the same server and client, both allowed down to TLS 1.2.
old_server, old_client = server_context(api), client_context([root.certificate])
old_server.minimum_version = old_client.minimum_version = ssl.TLSVersion.TLSv1_2
old_client.maximum_version = ssl.TLSVersion.TLSv1_2
with (
    serve_tls(old_server) as server,
    record_tap(server.port) as tap,
    tls_connection(tap.port, old_client, "api.example.test") as tls,
):
    print(tls.version(), tls.recv(1024).decode().strip())
    #> TLSv1.2 hello anonymous, TLSv1.2, alpn h2
print("certificate readable on the wire:", leaf_bytes in tap.raw["server"])
#> certificate readable on the wire: True
# --8<-- [end:tls12]
