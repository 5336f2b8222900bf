"""HMAC signatures with a key id, so a key can rotate without a flag day.

Sign with the newest key; verify with any key still in the ring. Rotation is
three deploys: add the new key as a verifier, make it the signer, drop the old one.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


class BadSignature(Exception):
    pass


# --8<-- [start:keyring]
@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]  # key id -> key, in order; the first one signs

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        pairs = [item.split(":", 1) for item in spec.split(",") if item]
        if not pairs or any(len(p) != 2 or not p[0] or not p[1] for p in pairs):
            raise ValueError("expected 'kid:key,kid:key'")
        return cls({kid: key.encode() for kid, key in pairs})

    def sign(self, payload: bytes) -> str:
        kid, key = next(iter(self.keys.items()))
        return f"{kid}.{hmac.new(key, payload, hashlib.sha256).hexdigest()}"

    def verify(self, payload: bytes, signature: str) -> str:
        kid, _, digest = signature.partition(".")
        key = self.keys.get(kid)
        if key is None:
            raise BadSignature(f"unknown key id {kid!r}")
        expected = hmac.new(key, payload, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, digest):  # constant time
            raise BadSignature("signature does not match")
        return kid


# --8<-- [end:keyring]
