"""The one computation in the RFC 6455 opening handshake.

The client sends a random 16-byte key, base64-encoded, in
Sec-WebSocket-Key. The server proves it read the request as a WebSocket
handshake (and is not, say, a cache replaying an old response) by answering
base64(SHA-1(key + a fixed GUID)) in Sec-WebSocket-Accept (section 4.2.2).
It proves nothing about who anyone is: authentication is separate.
"""

from __future__ import annotations

import base64
import hashlib

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455, section 1.3


def accept_key(key: str) -> str:
    """The Sec-WebSocket-Accept value for a Sec-WebSocket-Key."""
    if len(base64.b64decode(key, validate=True)) != 16:
        raise ValueError("Sec-WebSocket-Key must be 16 bytes, base64-encoded")
    # SHA-1 is what the RFC fixes here; it is not used for security.
    digest = hashlib.sha1((key + WEBSOCKET_GUID).encode(), usedforsecurity=False)
    return base64.b64encode(digest.digest()).decode()


if __name__ == "__main__":
    # --8<-- [start:rfc_example]
    print(accept_key("dGhlIHNhbXBsZSBub25jZQ=="))  # the RFC's sample nonce
    #> s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
    # --8<-- [end:rfc_example]
