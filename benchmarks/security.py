"""Why a password hash must be slow: SHA-256 against Argon2id, guesses per second.

An attacker with a stolen table runs the same function the server does, on
every guess. This prints how many guesses per second one core of this machine
gets against each, and the ratio. SHA-256 is measured in C (OpenSSL through
hashlib.pbkdf2_hmac, whose every iteration is one HMAC-SHA-256: two SHA-256
compressions, more work than one salted SHA-256 of a short password), because a
Python loop would mostly time Python. Argon2's lanes run as threads. GPUs
raise the SHA-256 figure by orders of magnitude more than the Argon2id one.

    .venv/bin/python benchmarks/security.py
"""

from __future__ import annotations

import contextlib
import hashlib
import os

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from benchmarks.timing import WALL_CLOCK, quick_mode
from examples.security.passwords.hashing import HASHER

REPEATS = 1 if quick_mode() else 3
PYTHON_ROUNDS = 20_000 if quick_mode() else 500_000
HMAC_ITERATIONS = 20_000 if quick_mode() else 2_000_000
ARGON_ROUNDS = 2 if quick_mode() else 10


def best_rate(run, operations: int) -> float:
    """Operations per second of the fastest of REPEATS runs (wall clock)."""
    best = float("inf")
    for _ in range(REPEATS):
        start = WALL_CLOCK()
        run()
        best = min(best, WALL_CLOCK() - start)
    return operations / best


def sha256_python_loop() -> float:
    salt = os.urandom(16)
    guesses = [f"guess-{index}".encode() for index in range(PYTHON_ROUNDS)]

    def run() -> None:
        for guess in guesses:
            hashlib.sha256(salt + guess).digest()

    return best_rate(run, PYTHON_ROUNDS)


def hmac_sha256_in_c() -> float:
    salt = os.urandom(16)

    def run() -> None:
        hashlib.pbkdf2_hmac("sha256", b"guess", salt, HMAC_ITERATIONS)

    return best_rate(run, HMAC_ITERATIONS)


def argon2_rate(hasher: PasswordHasher) -> float:
    stored = hasher.hash("correct horse battery staple")

    def run() -> None:
        for index in range(ARGON_ROUNDS):
            # A wrong guess costs one full Argon2 computation, like a hash does.
            with contextlib.suppress(VerifyMismatchError):
                hasher.verify(stored, f"guess-{index}")

    return best_rate(run, ARGON_ROUNDS)


def main() -> None:
    owasp_minimum = PasswordHasher(memory_cost=19_456, time_cost=2, parallelism=1)
    c_rate = hmac_sha256_in_c()
    rows = [
        ("sha256(salt + password), Python loop", sha256_python_loop()),
        ("HMAC-SHA-256 in C (pbkdf2 iterations)", c_rate),
        ("argon2id m=64MiB t=3 p=4 (this page)", argon2_rate(HASHER)),
        ("argon2id m=19MiB t=2 p=1 (OWASP min)", argon2_rate(owasp_minimum)),
    ]
    print(f"best of {REPEATS}; ratio = HMAC-SHA-256 in C / row")
    for label, rate in rows:
        print(f"{label:<40} {rate:>12,.0f} per second   ratio {c_rate / rate:>11,.0f}")


if __name__ == "__main__":
    main()
