"""Login throttling: exponential backoff per account and per client IP.

Backoff, not lockout: after a few free failures each further attempt on that
key must wait 1 s, 2 s, 4 s, ... up to a cap. A real user who mistypes three
times waits a second; an online guesser gets about a hundred tries a day instead
of millions. The cap bounds how long someone else can keep a user out.

In-process state, for one server. Several servers need the counters in a
shared store such as Redis (see the handbook's Redis rate-limit page).
"""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.clock import Clock, system_clock


# --8<-- [start:backoff]
@dataclass
class _Failures:
    count: int
    last: float


class Backoff:
    """Per-key failure counts that turn into a growing wait."""

    def __init__(
        self,
        clock: Clock,
        *,
        free_failures: int,
        base_delay: float = 1.0,
        max_delay: float = 900.0,
        forget_after: float = 86_400.0,
    ) -> None:
        if free_failures < 1 or base_delay <= 0 or max_delay < base_delay:
            raise ValueError("need free_failures >= 1 and 0 < base_delay <= max_delay")
        self._clock = clock
        self._free = free_failures
        self._base = base_delay
        self._max = max_delay
        self._forget_after = forget_after
        self._failures: dict[str, _Failures] = {}

    def _current(self, key: str) -> _Failures | None:
        entry = self._failures.get(key)
        if entry is not None and self._clock() - entry.last >= self._forget_after:
            del self._failures[key]  # a quiet day wipes the slate
            return None
        return entry

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may try again; 0.0 means now."""
        entry = self._current(key)
        if entry is None or entry.count < self._free:
            return 0.0
        delay = min(self._max, self._base * 2 ** (entry.count - self._free))
        return max(0.0, entry.last + delay - self._clock())

    def failure(self, key: str) -> None:
        entry = self._current(key)
        if entry is None:
            self._failures[key] = _Failures(1, self._clock())
        else:
            entry.count += 1
            entry.last = self._clock()

    def success(self, key: str) -> None:
        self._failures.pop(key, None)


# --8<-- [end:backoff]


# --8<-- [start:throttle]
class LoginThrottle:
    """Two backoffs: a strict one per account, a looser one per client IP.

    Per account stops a slow guess at one user from many IPs (a botnet). Per
    IP stops one client from guessing a few passwords at each of many accounts
    (password spraying), which no per-account limit sees.
    """

    def __init__(self, clock: Clock = system_clock) -> None:
        self.accounts = Backoff(clock, free_failures=3)
        self.ips = Backoff(clock, free_failures=20, max_delay=3_600.0)

    def retry_after(self, account: str, ip: str) -> float:
        return max(self.accounts.retry_after(account), self.ips.retry_after(ip))

    def failure(self, account: str, ip: str) -> None:
        self.accounts.failure(account)
        self.ips.failure(ip)

    def success(self, account: str, ip: str) -> None:
        # Only the account's count: one valid login must not let an IP that
        # sprayed other accounts start over.
        self.accounts.success(account)


# --8<-- [end:throttle]
