"""Signed keyset cursors: clients can pass them back, but not change or forge them.

A cursor is `<payload>.<tag>`: the payload is base64url of "id:<last id>", the
tag is HMAC-SHA256 over a purpose label and the payload, with a server key.
Signed is not encrypted: anyone can base64-decode the payload and read the id.
What the tag adds is that a client cannot change that id, or build a cursor,
without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

# --8<-- [start:cursor]
KEY_VARIABLE = "HANDBOOK_USERS_CURSOR_KEY"
MIN_KEY_BYTES = 32  # RFC 2104 discourages keys shorter than the hash output
MAX_CURSOR_LENGTH = 128  # ours are at most 74 characters
CURSOR_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}")  # base64url only
# Give this key to cursors alone. The label is a second fence: it keeps a tag
# made for another labeled use of the same key from passing as a cursor.
PURPOSE = b"users-page-cursor:"
MAX_ID = 2**63 - 1  # the largest SQLite INTEGER


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


class CursorCodec:
    """Turns the last id of a page into a signed cursor, and back."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the cursor key must be {MIN_KEY_BYTES}+ bytes")
        self._key = key

    @classmethod
    def from_environment(cls) -> CursorCodec:
        """The codec for the key in HANDBOOK_USERS_CURSOR_KEY; never a default.

        The length check cannot tell a random key from a long password, so
        make the key with `secrets.token_urlsafe(32)` or a secrets manager.
        """
        key = os.environ.get(KEY_VARIABLE, "")
        if not key:
            raise RuntimeError(f"set {KEY_VARIABLE} to a random secret")
        return cls(key.encode())

    def _tag(self, payload: str) -> str:
        mac = hmac.new(self._key, PURPOSE + payload.encode("ascii"), hashlib.sha256)
        return _b64(mac.digest())

    def encode(self, last_id: int) -> str:
        """A cursor for "the rows after `last_id`"."""
        payload = _b64(f"id:{last_id}".encode("ascii"))
        return f"{payload}.{self._tag(payload)}"

    def decode(self, cursor: str) -> int:
        """The id in a cursor this codec made; ValueError for anything else."""
        not_ours = ValueError("is not a cursor this API issued")
        # Cheap checks first: length, then the characters base64url can hold.
        if len(cursor) > MAX_CURSOR_LENGTH or not CURSOR_SHAPE.fullmatch(cursor):
            raise not_ours
        payload, _, tag = cursor.partition(".")
        # Constant time, so response timing cannot reveal how many leading
        # characters of a guessed tag were right.
        if not hmac.compare_digest(tag.encode(), self._tag(payload).encode()):
            raise not_ours
        # The tag is ours, so the payload is too; parse it strictly anyway.
        text = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        prefix, _, digits = text.decode("ascii").partition(":")
        if prefix != "id" or not digits.isdigit() or int(digits) > MAX_ID:
            raise not_ours
        return int(digits)


# --8<-- [end:cursor]
