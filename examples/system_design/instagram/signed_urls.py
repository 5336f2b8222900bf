"""Signed upload URLs: the API server signs one PUT, the blob server checks it.

A small cousin of S3's presigned URLs (Signature Version 4). The signature is
an HMAC-SHA256, under a secret only the two servers share, of the method, the
object key, the content type, the largest body allowed and the expiry. Change
any of them and the signature no longer matches. What SigV4 adds and this
leaves out: a derived signing key per day, region and service, a credential id
naming the key, the host and other headers, and a canonical form of the query.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

# Keys and content types go into the signed string one per line, so neither may
# hold a newline; the patterns also keep keys free of "..", spaces and escapes.
_KEY = re.compile(r"[a-z0-9]+(?:/[a-z0-9][a-z0-9._-]*)+")
_CONTENT_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")
MAX_TTL_SECONDS = 15 * 60  # a leaked URL is good for minutes, not days


class SignatureError(ValueError):
    """The request does not carry a valid, unexpired signature for what it does."""


# --8<-- [start:sign]
@dataclass(frozen=True)
class UploadPolicy:
    """What one signed URL allows: one PUT of one key, typed and bounded."""

    key: str
    content_type: str
    max_bytes: int
    expires: int  # Unix seconds

    def __post_init__(self) -> None:
        if not _KEY.fullmatch(self.key) or ".." in self.key:
            raise ValueError(f"not an object key: {self.key!r}")
        if not _CONTENT_TYPE.fullmatch(self.content_type):
            raise ValueError(f"not a content type: {self.content_type!r}")
        if type(self.max_bytes) is not int or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive int: {self.max_bytes!r}")


def string_to_sign(method: str, policy: UploadPolicy) -> bytes:
    """One field per line; no field can contain a newline, so no two differ."""
    fields = [method, policy.key, policy.content_type]
    fields += [str(policy.max_bytes), str(policy.expires)]
    return "\n".join(fields).encode()


def signature(secret: bytes, method: str, policy: UploadPolicy) -> str:
    return hmac.new(secret, string_to_sign(method, policy), hashlib.sha256).hexdigest()


def presign_put(secret: bytes, base_url: str, policy: UploadPolicy) -> str:
    """The URL a client PUTs its bytes to, with no credentials of its own."""
    query = urlencode(
        {
            "ct": policy.content_type,
            "max": policy.max_bytes,
            "exp": policy.expires,
            "sig": signature(secret, "PUT", policy),
        }
    )
    return f"{base_url}/{quote(policy.key)}?{query}"


# --8<-- [end:sign]


# --8<-- [start:verify]
def verify(
    secret: bytes, method: str, key: str, query: Mapping[str, str], now: float
) -> UploadPolicy:
    """The policy this request was signed for; SignatureError if it was not."""
    try:
        policy = UploadPolicy(
            key=key,
            content_type=query["ct"],
            max_bytes=int(query["max"]),
            expires=int(query["exp"]),
        )
        claimed = query["sig"]
    except (KeyError, ValueError) as error:
        raise SignatureError("missing or malformed signature fields") from error
    expected = signature(secret, method, policy)
    # compare_digest takes the same time wherever the strings first differ, so
    # timing the refusals does not reveal the right signature byte by byte.
    if not hmac.compare_digest(expected.encode(), claimed.encode()):
        raise SignatureError("bad signature")
    if now >= policy.expires:
        raise SignatureError("expired")
    if policy.expires - now > MAX_TTL_SECONDS:
        raise SignatureError("expiry too far ahead")
    return policy


# --8<-- [end:verify]
