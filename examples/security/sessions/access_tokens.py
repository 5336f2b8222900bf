"""Short-lived JWT access tokens with PyJWT: RS256, pinned, every claim required.

The auth server signs with its private key; every API verifies with the public
key alone, so no API can mint tokens. The verifier never reads `alg` from the
token to decide how to check it: the algorithm is configuration. From the header
it takes only `kid`, as a key into its own table of keys, and `typ`, which must
say "access token" (RFC 9068's at+jwt), so an ID token or any other JWT signed
with the same key is not accepted as one.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ALGORITHM = "RS256"
REQUIRED = ["exp", "iat", "nbf", "iss", "aud", "sub", "jti"]
JWT_TYPE = "at+jwt"  # RFC 9068, section 2.1


def new_key_pair() -> tuple[rsa.RSAPrivateKey, rsa.RSAPublicKey]:
    """A fresh key pair; production loads the private key from a secret store."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private_key, private_key.public_key()


# --8<-- [start:issuer]
@dataclass
class TokenIssuer:
    private_key: rsa.RSAPrivateKey
    issuer: str
    audience: str
    key_id: str = "k1"  # the `kid` verifiers look up; a new id per new key
    ttl: float = 300.0  # five minutes: the window a stolen token stays useful
    now: Callable[[], float] = time.time  # JWT times are Unix seconds

    def issue(self, subject: str, version: int = 0, **claims: Any) -> str:
        issued_at = int(self.now())
        payload = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": issued_at,
            "nbf": issued_at,
            "exp": issued_at + int(self.ttl),
            "jti": secrets.token_urlsafe(16),  # an id, so one token can be denied
            "ver": version,  # the user's token version when this was issued
            **claims,
        }
        headers = {"typ": JWT_TYPE, "kid": self.key_id}
        return jwt.encode(
            payload, self.private_key, algorithm=ALGORITHM, headers=headers
        )


# --8<-- [end:issuer]


# --8<-- [start:verifier]
@dataclass
class TokenVerifier:
    # kid -> public key: the old and the new key during a rotation. Loaded from
    # configuration (or a JWKS fetched on a schedule), never from a URL or a
    # path in the token; an unknown kid is refused, not a reason to refetch.
    keys: dict[str, rsa.RSAPublicKey]
    issuer: str
    audience: str
    leeway: float = 30.0  # tolerated clock skew between servers, in seconds
    denied_jtis: set[str] = field(default_factory=set)
    token_versions: dict[str, int] = field(default_factory=dict)

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; raises jwt.InvalidTokenError otherwise."""
        header = jwt.get_unverified_header(token)  # unverified: only to pick a key
        key = self.keys.get(header.get("kid"))
        if key is None:
            raise jwt.InvalidTokenError("unknown key id")
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],  # pinned: never taken from the token
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": REQUIRED},
        )
        if header.get("typ") != JWT_TYPE:  # checked once it is signed
            raise jwt.InvalidTokenError("not an access token")
        # Revocation is state, so it costs a lookup per request (see the page).
        if claims["jti"] in self.denied_jtis:
            raise jwt.InvalidTokenError("token was revoked")
        if claims.get("ver") != self.token_versions.get(claims["sub"], 0):
            raise jwt.InvalidTokenError("token predates the user's last logout")
        return claims


# --8<-- [end:verifier]
