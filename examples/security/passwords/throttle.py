"""Login throttling: exponential backoff per account and per client network.

Backoff, not lockout: after a few free failures each further attempt on that
key must wait 1 s, 2 s, 4 s, ... up to a cap. A real user who mistypes three
times waits a second; an online guesser gets about a hundred tries a day instead
of millions. The cap bounds how long someone else can keep a user out.

An attempt is counted *before* the password is checked and forgiven on
success, under one lock: a burst of simultaneous guesses cannot all pass the
check while the first is still hashing.

In-process state, for one server. Several servers need the counters in a
shared store such as Redis (see the handbook's Redis rate-limit page), where
the same rule holds: INCR the key first, then verify.
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass

from examples.machine_coding.clock import Clock, system_clock


# --8<-- [start:backoff]
@dataclass
class _Failures:
    count: int
    last: float


class Backoff:
    """Per-key failure counts that turn into a growing wait. Not thread-safe
    by itself: LoginThrottle holds one lock around both of its backoffs."""

    SWEEP_EVERY = 1_024  # failures between sweeps of keys a quiet day forgot

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
        self._since_sweep = 0

    def __len__(self) -> int:
        return len(self._failures)

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
        self._since_sweep += 1
        if self._since_sweep >= self.SWEEP_EVERY:
            self.sweep()

    def forgive(self, key: str) -> None:
        """Take back one counted failure (an attempt that turned out fine)."""
        entry = self._failures.get(key)
        if entry is not None:
            entry.count -= 1
            if entry.count <= 0:
                del self._failures[key]

    def success(self, key: str) -> None:
        self._failures.pop(key, None)

    def sweep(self) -> None:
        """Drop every key a quiet day forgot, so one-off emails do not pile up."""
        self._since_sweep = 0
        now = self._clock()
        for key in [
            key
            for key, entry in self._failures.items()
            if now - entry.last >= self._forget_after
        ]:
            del self._failures[key]


# --8<-- [end:backoff]


# --8<-- [start:client-key]
def client_key(host: str) -> str:
    """The per-IP throttle key: an IPv4 address, or an IPv6 address's /64.

    One IPv6 customer usually gets a whole /64 (2**64 addresses) or more, so
    keying on the full address would give an attacker a fresh key per guess.
    """
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # not an address (a test client's name): use it as is
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:198.51.100.7 is IPv4
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


# --8<-- [end:client-key]


# --8<-- [start:throttle]
class LoginThrottle:
    """Two backoffs: a strict one per account, a looser one per client network.

    Per account stops a slow guess at one user from many IPs (a botnet). Per
    IP stops one client from guessing a few passwords at each of many accounts
    (password spraying), which no per-account limit sees.
    """

    def __init__(self, clock: Clock = system_clock) -> None:
        self.accounts = Backoff(clock, free_failures=3)
        self.ips = Backoff(clock, free_failures=20, max_delay=3_600.0)
        self._lock = threading.Lock()

    def attempt(self, account: str, ip: str) -> float:
        """Reserve one attempt, counted as a failure until success() says not.

        Returns 0.0 if the caller may check the password now, else the
        seconds to wait (and nothing is counted). Check and count happen
        under one lock, so N simultaneous guesses get the same answers as N
        guesses in a row.
        """
        with self._lock:
            wait = max(self.accounts.retry_after(account), self.ips.retry_after(ip))
            if wait == 0.0:
                self.accounts.failure(account)
                self.ips.failure(ip)
            return wait

    def success(self, account: str, ip: str) -> None:
        with self._lock:
            self.accounts.success(account)
            # Only this attempt, not the IP's whole count: one valid login must
            # not let an IP that sprayed other accounts start over.
            self.ips.forgive(ip)


# --8<-- [end:throttle]
