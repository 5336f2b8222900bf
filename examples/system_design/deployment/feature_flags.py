"""Feature flags with a percentage rollout that keeps each user where they were.

A user's bucket (0..9999) comes from a cryptographic hash of the flag key and the
user id, so every process, on every server, after every restart, puts that user in
the same bucket. The flag is on for buckets below `percent * 100`: raising the
percentage only adds buckets, so nobody who had the feature loses it. Hashing the
flag key in means each flag picks its own users, not the same 10% every time.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

BUCKETS = 10_000  # 0.01% granularity: 12.34% is 1,234 buckets


# --8<-- [start:bucket]
def stable_bucket(flag_key: str, user_id: str) -> int:
    """The same in every process: sha256 is not salted like the built-in hash()."""
    # The NUL separator keeps ("ab", "c") and ("a", "bc") apart; surrogatepass lets
    # a lone surrogate from a badly decoded header hash instead of raising.
    data = f"{flag_key}\0{user_id}".encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(data).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS  # bias of 2**64 % 10**4: nil


def builtin_bucket(flag_key: str, user_id: str) -> int:
    """The defect: hash() of a str is salted per process (PYTHONHASHSEED)."""
    return hash((flag_key, user_id)) % BUCKETS


# --8<-- [end:bucket]


@dataclass(frozen=True)
class Flag:
    key: str
    percent: float = 0.0  # 0..100, in steps of 0.01
    allow: frozenset[str] = field(default_factory=frozenset)  # always on
    deny: frozenset[str] = field(default_factory=frozenset)  # always off
    killed: bool = False  # the kill switch: off for everyone, lists included

    def __post_init__(self) -> None:
        # Refuse a bad flag when it is loaded, so evaluation never has to.
        if not isinstance(self.key, str) or not self.key:
            raise ValueError(f"flag key must be a non-empty string, got {self.key!r}")
        if isinstance(self.percent, bool) or not isinstance(self.percent, int | float):
            raise ValueError(f"percent must be a number, got {self.percent!r}")
        if not (math.isfinite(self.percent) and 0 <= self.percent <= 100):
            raise ValueError(f"percent must be between 0 and 100, got {self.percent}")
        object.__setattr__(self, "allow", frozenset(self.allow))
        object.__setattr__(self, "deny", frozenset(self.deny))

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
        self._flags = {flag.key: flag for flag in flags}
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
