"""Short-lived JWT access tokens with PyJWT: RS256, pinned, every claim required.

The auth server signs with its private key; every API verifies with the public
key alone, so no API can mint tokens. The verifier never reads `alg` from the
token to decide how to check it: the algorithm is configuration.
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
        return jwt.encode(payload, self.private_key, algorithm=ALGORITHM)


# --8<-- [end:issuer]


# --8<-- [start:verifier]
@dataclass
class TokenVerifier:
    public_key: rsa.RSAPublicKey
    issuer: str
    audience: str
    leeway: float = 30.0  # tolerated clock skew between servers, in seconds
    denied_jtis: set[str] = field(default_factory=set)
    token_versions: dict[str, int] = field(default_factory=dict)

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; raises jwt.InvalidTokenError otherwise."""
        claims = jwt.decode(
            token,
            self.public_key,
            algorithms=[ALGORITHM],  # pinned: never taken from the token
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": REQUIRED},
        )
        # Revocation is state, so it costs a lookup per request (see the page).
        if claims["jti"] in self.denied_jtis:
            raise jwt.InvalidTokenError("token was revoked")
        if claims.get("ver") != self.token_versions.get(claims["sub"], 0):
            raise jwt.InvalidTokenError("token predates the user's last logout")
        return claims


# --8<-- [end:verifier]
