"""Feature flags with a percentage rollout that keeps each user where they were.

A user's bucket (0..9999) comes from a cryptographic hash of the flag key and the
user id, so every process, on every server, after every restart, puts that user in
the same bucket. The flag is on for buckets below `percent * 100`: raising the
percentage only adds buckets, so nobody who had the feature loses it. Hashing the
flag key in means each flag picks its own users, not the same 10% every time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

BUCKETS = 10_000  # 0.01% granularity: 12.34% is 1,234 buckets
# Flag keys cannot hold the NUL the bucket hash puts between key and user id.
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")


# --8<-- [start:bucket]
def stable_bucket(flag_key: str, user_id: str) -> int:
    """The same in every process: sha256 is not salted like the built-in hash()."""
    # The NUL separator keeps ("ab", "c") and ("a", "bc") apart (keys never hold a
    # NUL: KEY_PATTERN); surrogatepass lets a lone surrogate from a badly decoded
    # header hash instead of raising.
    data = f"{flag_key}\0{user_id}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(data).digest()
    # 2**64 is not a multiple of 10,000: buckets 0..1615 are likelier by 1 in 1.8e15.
    return int.from_bytes(digest[:8], "big") % BUCKETS


def builtin_bucket(flag_key: str, user_id: str) -> int:
    """The defect: hash() of a str is salted per process (PYTHONHASHSEED)."""
    return hash((flag_key, user_id)) % BUCKETS


# --8<-- [end:bucket]


def user_ids(values: object, name: str) -> frozenset[str]:
    """A list of user ids from a config file; a lone string is a mistake, not a list."""
    # A string or a mapping iterates, but as letters or keys: {"alice": false}
    # would allow alice.
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise ValueError(f"{name} must be a list of user ids, got {values!r}")
    ids = frozenset(values)
    if not all(isinstance(user, str) and user for user in ids):
        raise ValueError(
            f"{name} must hold non-empty strings, got {sorted(map(repr, ids))}"
        )
    return ids


@dataclass(frozen=True)
class Flag:
    key: str
    percent: float = 0.0  # 0..100, in steps of 0.01 (one bucket each)
    allow: frozenset[str] = field(default_factory=frozenset)  # always on
    deny: frozenset[str] = field(default_factory=frozenset)  # always off
    killed: bool = False  # the kill switch: off for everyone, lists included

    def __post_init__(self) -> None:
        # Refuse a bad flag when it is loaded, so evaluation never has to.
        if not isinstance(self.key, str) or not KEY_PATTERN.fullmatch(self.key):
            raise ValueError(
                f"flag key must match {KEY_PATTERN.pattern}, got {self.key!r}"
            )
        if isinstance(self.percent, bool) or not isinstance(self.percent, int | float):
            raise ValueError(f"percent must be a number, got {self.percent!r}")
        if not 0 <= self.percent <= 100:  # NaN fails every comparison, so it lands here
            raise ValueError(f"percent must be between 0 and 100, got {self.percent}")
        if abs(self.percent * 100 - round(self.percent * 100)) > 1e-6:
            # round() would move 0.005% to 0 buckets without a word
            raise ValueError(f"percent must be in steps of 0.01, got {self.percent}")
        if not isinstance(self.killed, bool):
            raise ValueError(f"killed must be true or false, got {self.killed!r}")
        object.__setattr__(self, "allow", user_ids(self.allow, "allow"))
        object.__setattr__(self, "deny", user_ids(self.deny, "deny"))
        if both := self.allow & self.deny:  # which list was meant is a guess
            raise ValueError(f"users both allowed and denied: {sorted(both)}")

    @property
    def threshold(self) -> int:
        return round(self.percent * 100)  # 0.29 * 100 is 28.999999999999996

    def at(self, percent: float) -> Flag:
        return replace(self, percent=percent)


# --8<-- [start:evaluate]
class FlagSet:
    """Evaluates flags; unknown flags and bad input get the default, never an error."""

    def __init__(
        self,
        flags: Iterable[Flag],
        *,
        bucket: Callable[[str, str], int] = stable_bucket,
    ) -> None:
        self._flags: dict[str, Flag] = {}
        for flag in flags:
            if flag.key in self._flags:  # the last one would silently win
                raise ValueError(f"flag {flag.key!r} is defined twice")
            self._flags[flag.key] = flag
        self._bucket = bucket

    def is_enabled(
        self, flag_key: object, user_id: object, default: bool = False
    ) -> bool:
        if not isinstance(flag_key, str) or not isinstance(user_id, str) or not user_id:
            return default  # a request without a usable user id sees the default
        flag = self._flags.get(flag_key)
        if flag is None:
            return default  # a typo or a deleted flag: the old code path
        if flag.killed:
            return False
        if user_id in flag.deny:
            return False
        if user_id in flag.allow:
            return True
        return self._bucket(flag.key, user_id) < flag.threshold


# --8<-- [end:evaluate]
