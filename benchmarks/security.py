"""Why a password hash must be slow: SHA-256 against Argon2id, in hashes per second.

An attacker with a stolen table runs the same function the server does, on
every guess. This prints how many guesses per second this machine gets
against each (Argon2's lanes run as threads), and the ratio. (Attackers use GPUs, which widen the
gap for SHA-256 far more than for memory-hard Argon2id.)

    .venv/bin/python benchmarks/security.py
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from benchmarks.timing import quick_mode
from examples.security.passwords.hashing import HASHER

SHA_ROUNDS = 20_000 if quick_mode() else 1_000_000
ARGON_ROUNDS = 2 if quick_mode() else 20


def sha256_rate() -> float:
    salt = os.urandom(16)
    guesses = [f"guess-{index}".encode() for index in range(SHA_ROUNDS)]
    start = time.perf_counter()
    for guess in guesses:
        hashlib.sha256(salt + guess).digest()
    return SHA_ROUNDS / (time.perf_counter() - start)


def argon2_rate(hasher: PasswordHasher) -> float:
    stored = hasher.hash("correct horse battery staple")
    start = time.perf_counter()
    for index in range(ARGON_ROUNDS):
        # A wrong guess costs one full Argon2 computation, like a hash does.
        with contextlib.suppress(VerifyMismatchError):
            hasher.verify(stored, f"guess-{index}")
    return ARGON_ROUNDS / (time.perf_counter() - start)


def main() -> None:
    owasp_minimum = PasswordHasher(memory_cost=19_456, time_cost=2, parallelism=1)
    sha = sha256_rate()
    rows = [("sha256(salt + password)", sha)]
    for label, hasher in [
        ("argon2id m=64MiB t=3 p=4 (this page)", HASHER),
        ("argon2id m=19MiB t=2 p=1 (OWASP min)", owasp_minimum),
    ]:
        rows.append((label, argon2_rate(hasher)))
    for label, rate in rows:
        print(
            f"{label:<40} {rate:>14,.0f} hashes/s   ratio to sha256 1:{sha / rate:,.0f}"
        )


if __name__ == "__main__":
    main()
