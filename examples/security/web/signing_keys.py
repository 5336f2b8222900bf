"""HMAC webhook signatures with a key id and a signed timestamp.

Sign with the newest key; verify with any key still in the ring. Rotation is
three deploys: add the new key as a verifier, make it the signer, drop the old one.
The timestamp is inside the MAC, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field

TOLERANCE_SECONDS = 300  # how old (or how far ahead) a signed timestamp may be
KEY_BYTES = 32  # as many bytes as SHA-256 puts out; random, not a password
# A key id goes into "kid.timestamp.mac", so it may not hold the "." that splits it.
KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class BadSignature(Exception):
    pass


def new_key() -> str:
    """A fresh key, base64: what goes into the secret store."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def _mac(key: bytes, timestamp: int, payload: bytes) -> str:
    return hmac.new(key, b"%d." % timestamp + payload, hashlib.sha256).hexdigest()


# --8<-- [start:keyring]
@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes] = field(repr=False)  # id -> key, in order; first signs

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        """'kid:base64key,kid:base64key', each key 32 random bytes."""
        keys: dict[str, bytes] = {}
        for item in spec.split(","):
            kid, colon, encoded = item.partition(":")
            if not (kid and colon and encoded):
                raise ValueError("expected 'kid:key,kid:key'")
            if not KEY_ID.fullmatch(kid):  # "k.1" would refuse its own signatures
                raise ValueError(f"key id {kid!r} must match {KEY_ID.pattern}")
            if kid in keys:  # a typo here would silently drop a key
                raise ValueError(f"key id {kid!r} appears twice")
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise ValueError(f"key {kid!r} is not base64") from None
            if len(key) < KEY_BYTES:
                raise ValueError(f"key {kid!r} is shorter than {KEY_BYTES} bytes")
            keys[kid] = key
        return cls(keys)

    def sign(self, payload: bytes, timestamp: int) -> str:
        kid, key = next(iter(self.keys.items()))
        return f"{kid}.{timestamp}.{_mac(key, timestamp, payload)}"

    def verify(
        self,
        payload: bytes,
        signature: str,
        now: int,
        tolerance: int = TOLERANCE_SECONDS,
    ) -> str:
        kid, _, rest = signature.partition(".")
        stamp, _, digest = rest.partition(".")
        key = self.keys.get(kid)
        if key is None:
            raise BadSignature(f"unknown key id {kid!r}")
        # At most 10 ASCII digits: isdigit() alone takes "²" and 5,000-digit
        # strings, and int() of those raises ValueError, not BadSignature.
        if not re.fullmatch(r"[0-9]{1,10}", stamp):
            raise BadSignature("signature has no timestamp")
        expected = _mac(key, int(stamp), payload).encode("ascii")
        try:
            given = digest.encode("ascii")  # compare_digest refuses non-ASCII str
        except UnicodeEncodeError:
            raise BadSignature("signature does not match") from None
        if not hmac.compare_digest(expected, given):  # constant time
            raise BadSignature("signature does not match")
        if abs(now - int(stamp)) > tolerance:
            raise BadSignature("signature timestamp is outside the tolerance")
        return kid


# --8<-- [end:keyring]
