"""When the limiter's Redis is down or slow, each kind of traffic decides its own way.

- open: admit. For cheap reads, where refusing everyone is worse than a
  short spell with no limit.
- closed: refuse with 503 and Retry-After. For logins, password resets, OTP
  sends and expensive calls, where the limit is a security control.
- local: fall back to an in-process token bucket with this instance's share
  of the limit. Approximate (its counts are per instance), but still a limit.

The limiter call gets a timeout of a few milliseconds, so a slow Redis takes
the same path as a dead one instead of adding its delay to every request.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, field
from http import HTTPStatus

import redis

from examples.machine_coding.rate_limiter.http_headers import rate_limit_headers
from examples.machine_coding.rate_limiter.limiter import RateLimiter
from examples.system_design.rate_limiter.deny_cache import DenyCache
from examples.system_design.rate_limiter.gcra import GcraLimiter

# Errors that mean "the store cannot answer now": down, slow, read-only after
# a failover, full under noeviction (OOM), a cluster without a primary for
# the slot, or busy running a script. Anything else must surface: a bad
# argument or a script error is a bug, and a wrong password or ACL is a
# configuration error that would otherwise fail open for good. redis-py makes
# those last two subclasses of ConnectionError, so they are checked first.
AVAILABILITY_ERRORS = (
    redis.ConnectionError,  # includes BusyLoadingError (LOADING)
    redis.TimeoutError,
    redis.exceptions.ReadOnlyError,
    redis.exceptions.OutOfMemoryError,
    redis.exceptions.ClusterDownError,  # includes MasterDownError
    redis.exceptions.TryAgainError,
)
CONFIGURATION_ERRORS = (
    redis.AuthenticationError,
    redis.exceptions.AuthorizationError,
    redis.exceptions.ExternalAuthProviderError,
)


def is_unavailable(error: redis.RedisError) -> bool:
    """True when the route's fail mode should decide instead of raising."""
    if isinstance(error, CONFIGURATION_ERRORS):
        return False
    if isinstance(error, AVAILABILITY_ERRORS):
        return True
    # A script past busy-reply-threshold: redis-py has no class for BUSY.
    return isinstance(error, redis.ResponseError) and str(error).startswith("BUSY ")


class FailMode(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    LOCAL = "local"


# --8<-- [start:guarded]
@dataclass(frozen=True)
class Outcome:
    status: HTTPStatus | None  # None: let the handler answer
    decided_by: str  # redis, deny-cache, fail-open, fail-closed or local
    headers: dict[str, str] = field(default_factory=dict)


class GuardedLimiter:
    """The shared limiter, with a rule for the moments it cannot answer."""

    def __init__(
        self,
        shared: GcraLimiter,
        mode: FailMode,
        local: RateLimiter | None = None,
        deny: DenyCache | None = None,
    ) -> None:
        if (mode is FailMode.LOCAL) != (local is not None):
            raise ValueError("give a local limiter exactly when mode is LOCAL")
        self._shared, self._mode, self._local = shared, mode, local
        self._deny = deny
        self._lock = threading.Lock()
        self.unavailable = 0  # export it: every one is a decision made blind

    def check(self, client: str, cost: int = 1) -> Outcome:
        if self._deny is not None and (left := self._deny.refused_for(client)):
            headers = {"Retry-After": str(left)}  # no Redis call, no script
            return Outcome(HTTPStatus.TOO_MANY_REQUESTS, "deny-cache", headers)
        try:
            verdict = self._shared.allow(client, cost)
        except redis.RedisError as error:
            if not is_unavailable(error):
                raise
            with self._lock:  # handlers run on many threads
                self.unavailable += 1
            return self._without_redis(client, cost)
        if verdict.allowed:
            return Outcome(None, "redis", verdict.headers())
        if self._deny is not None:  # refuse it here, without Redis, until then
            self._deny.remember(client, verdict.retry_after_us / 1e6)
        return Outcome(HTTPStatus.TOO_MANY_REQUESTS, "redis", verdict.headers())

    def _without_redis(self, client: str, cost: int) -> Outcome:
        if self._mode is FailMode.OPEN:
            return Outcome(None, "fail-open")
        if self._mode is FailMode.CLOSED:
            # 503, not 429: the client did nothing wrong (RFC 9110, 15.6.4).
            return Outcome(
                HTTPStatus.SERVICE_UNAVAILABLE, "fail-closed", {"Retry-After": "5"}
            )
        assert self._local is not None
        # The shared limiter accepted this cost; this instance's share may be
        # smaller. Spend the whole local bucket rather than answer 422.
        decision = self._local.allow(client, min(cost, self._local.limit))
        status = None if decision.allowed else HTTPStatus.TOO_MANY_REQUESTS
        headers = rate_limit_headers(
            decision, window=self._local.window, policy="local"
        )
        return Outcome(status, "local", headers)


# --8<-- [end:guarded]
