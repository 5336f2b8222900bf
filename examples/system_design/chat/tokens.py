"""Signed, expiring tokens: the server learns who connects from what it can verify.

A client that says "I am alice" proves nothing. The login service (out of
scope here) issues a token after checking a password or an identity provider;
the chat server checks the signature and the expiry and takes the user id from
inside the token. In production the token is usually a JWT from your identity
provider, checked against its published keys; an HMAC over "user.expiry" is
the smallest version of the same idea.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

USER_ID = re.compile(r"[a-z0-9_-]{1,32}")
MIN_SECRET_BYTES = 32


class InvalidToken(ValueError):
    """The token is malformed, forged or expired."""


def check_user_id(user: str) -> str:
    if not isinstance(user, str) or not USER_ID.fullmatch(user):
        raise ValueError(f"user id must be 1-32 of a-z, 0-9, '_' or '-', got {user!r}")
    return user


@dataclass(frozen=True)
class TokenSigner:
    """Issues and verifies tokens of the form `user.expires_at.signature`."""

    secret: bytes = field(repr=False)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        if len(self.secret) < MIN_SECRET_BYTES:
            raise ValueError(f"secret must be at least {MIN_SECRET_BYTES} bytes")

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self.secret, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def issue(self, user: str, ttl_s: int = 3_600) -> str:
        check_user_id(user)
        if ttl_s <= 0:
            raise ValueError(f"ttl_s must be positive, got {ttl_s}")
        payload = f"{user}.{int(self.clock()) + ttl_s}"
        return f"{payload}.{self._sign(payload)}"

    def verify(self, token: str) -> str:
        """The user id inside a valid token; InvalidToken otherwise."""
        parts = token.split(".")
        # compare_digest refuses non-ASCII str (TypeError): a header decoded
        # as latin-1 can hold any byte, so anything but ASCII is malformed.
        if len(parts) != 3 or not token.isascii():
            raise InvalidToken("token is malformed")
        user, expires_at, signature = parts
        expected = self._sign(f"{user}.{expires_at}")
        # Constant-time comparison: timing must not reveal how much matched.
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise InvalidToken("token signature does not match")
        if not expires_at.isdigit() or int(expires_at) <= self.clock():
            raise InvalidToken("token has expired")
        return user
