"""Password hashing with Argon2id: one configured hasher, verify, upgrade on login.

The stored string is self-describing (PHC format): algorithm, version,
parameters, salt and hash in one column, so parameters can change without a
migration. Old hashes keep verifying; each is upgraded the next time its owner
logs in, because only then does the server see the password again.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# --8<-- [start:hasher]
# RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes), which is
# also argon2-cffi 25.1's default. Spelled out so that a library upgrade
# changing its defaults is a reviewed diff here, not a surprise.
CURRENT = profiles.RFC_9106_LOW_MEMORY
HASHER = PasswordHasher.from_parameters(CURRENT)
# --8<-- [end:hasher]


# --8<-- [start:verify]
@dataclass(frozen=True)
class Verdict:
    """The result of checking a password: did it match, and a hash to store."""

    ok: bool
    upgraded_hash: str | None = None  # set when the stored hash should be replaced


def verify_password(
    stored_hash: str, password: str, hasher: PasswordHasher = HASHER
) -> Verdict:
    """Check `password` against `stored_hash`; rehash it if parameters changed."""
    try:
        hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        # A mismatch, or a corrupt stored hash: both are "wrong password" to the
        # caller. (VerifyMismatchError is a VerificationError.)
        return Verdict(ok=False)
    if hasher.check_needs_rehash(stored_hash):
        # The only moment we hold the plain password again: upgrade now.
        return Verdict(ok=True, upgraded_hash=hasher.hash(password))
    return Verdict(ok=True)


# --8<-- [end:verify]
