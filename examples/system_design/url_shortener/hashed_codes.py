"""Codes from a hash of the long URL: truncate, detect a collision on insert, retry salted.

The same URL always hashes to the same first code, so submitting it twice
returns the code it already has, with no lookup table by URL. Two different
URLs can share a truncated hash; the store's insert-if-absent reports that,
and the second URL tries again with the next salt.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from examples.system_design.url_shortener.base62 import BASE, encode

MAX_LENGTH = 22  # 62**22 < 2**131
MAX_SALTS = 8  # after this many clashes in a row, something is wrong: fail loudly


# --8<-- [start:hash]
def hashed_code(url: str, salt: int, length: int = 7) -> str:
    """The first `length` base62 characters of SHA-256 of the salted URL."""
    if not 1 <= length <= MAX_LENGTH:
        raise ValueError(
            f"length must be at least 1 and at most {MAX_LENGTH}, got {length}"
        )
    if salt < 0:
        raise ValueError(f"salt must be zero or more, got {salt}")
    digest = hashlib.sha256(f"{salt}:{url}".encode()).digest()
    # All 256 bits modulo 62**length: the bias is below 62**length / 2**256,
    # under 2**-125 for every allowed length. (64 bits would reach no code
    # above 2**64, which from length 11 on is most of the space.)
    return encode(int.from_bytes(digest, "big") % BASE**length, width=length)


class CodeStore(Protocol):
    def insert_if_absent(self, code: str, url: str) -> str | None:
        """Store code -> url unless the code is taken; return the URL it already has."""
        ...


@dataclass(frozen=True)
class Claimed:
    code: str
    salt: int  # how many clashes came first
    existed: bool  # the same URL had this code already


def claim_code(store: CodeStore, url: str, length: int = 7) -> Claimed:
    """Try salts 0, 1, 2... until a code is free or already holds this URL."""
    for salt in range(MAX_SALTS):
        code = hashed_code(url, salt, length)
        holder = store.insert_if_absent(code, url)
        if holder is None or holder == url:
            return Claimed(code, salt, existed=holder is not None)
    raise RuntimeError(f"{MAX_SALTS} clashes in a row for {url!r}: is the space full?")


# --8<-- [end:hash]


class DictStore:
    """An in-memory CodeStore: what a table with a unique key on `code` does."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}

    def insert_if_absent(self, code: str, url: str) -> str | None:
        holder = self.urls.get(code)
        if holder is None:
            self.urls[code] = url
        return holder


def expected_clashes(n: int, space: int) -> float:
    """Expected first-try clashes among n distinct URLs: insert i hits i-1 taken codes."""
    if n < 0 or space < 1:
        raise ValueError(f"need n >= 0 and space >= 1, got n={n}, space={space}")
    return n * (n - 1) / (2 * space)


def salts_needed(n: int, length: int, seed: int) -> Counter[int]:
    """Claim codes for n distinct seeded URLs; count how many needed each salt."""
    rng = random.Random(seed)
    store = DictStore()
    salts: Counter[int] = Counter()
    for i in range(n):
        url = f"https://example.com/{i}?ref={rng.getrandbits(64):016x}"
        salts[claim_code(store, url, length).salt] += 1
    return salts


if __name__ == "__main__":
    # --8<-- [start:demo]
    store = DictStore()
    first = claim_code(store, "https://example.com/a")
    again = claim_code(store, "https://example.com/a")
    print(first, again.code == first.code, again.existed)
    #> Claimed(code='pqtOt97', salt=0, existed=False) True True
    for n, length in [(100_000, 4), (300_000, 5)]:
        salts = dict(sorted(salts_needed(n, length, seed=7).items()))
        clashed = n - salts[0]
        expected = expected_clashes(n, BASE**length)
        print(
            f"{n:,} in 62**{length}: {clashed} clashed ({expected:.0f} expected), {salts}"
        )
        #> 100,000 in 62**4: 351 clashed (338 expected), {0: 99649, 1: 351}
        #> 300,000 in 62**5: 49 clashed (49 expected), {0: 299951, 1: 49}
    # --8<-- [end:demo]
