"""A lock on one Redis instance: SET NX PX to take it, a compare-and-delete script to release it.

Every acquisition also gets a fencing token from INCR. It grows only while this
Redis keeps the counter: a failover to a replica that missed the last INCR, a
restart that lost it, or eviction of the counter key hands a number out again.
Such a lock saves duplicate work; for correctness, draw the fence from a
linearizable store and let the resource check it (pg_fence.py).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis

logger = logging.getLogger(__name__)

# --8<-- [start:scripts]
# Take the lock and draw the next fencing token in one atomic step. The token
# only grows while this Redis keeps its counter; a failover can repeat it.
ACQUIRE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
"""

# Delete or extend the lock only while it still holds our token. A plain DEL
# after a GET would race: the lock can expire and pass to someone else between
# the two commands, and the DEL would then free their lock.
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
# --8<-- [end:scripts]


class LockNotAcquiredError(TimeoutError):
    """Raised when the lock stayed busy for the whole wait."""


class LockLostError(RuntimeError):
    """Raised when a holder finds its lease expired: someone else may have run too."""


@dataclass(frozen=True)
class Lease:
    """Proof of holding the lock: the random token and the fencing token."""

    token: str
    fence: int


# --8<-- [start:lock]
class RedisLock:
    """A mutual-exclusion lease named `name`, valid for `ttl_ms` unless extended."""

    def __init__(
        self, r: redis.Redis, prefix: str, name: str, ttl_ms: int = 10_000
    ) -> None:
        if ttl_ms < 1:
            raise ValueError(f"ttl_ms must be >= 1, got {ttl_ms}")
        # The {braces} are a hash tag: both keys hash to one Redis Cluster slot.
        # Cluster refuses a script whose keys span slots (CROSSSLOT).
        self.key = f"{prefix}{{lock:{name}}}"
        self.fence_key = f"{prefix}{{lock:{name}}}:fence"
        self._ttl_ms = ttl_ms
        self._acquire = r.register_script(ACQUIRE)
        self._release = r.register_script(RELEASE)
        self._extend = r.register_script(EXTEND)

    def try_acquire(self) -> Lease | None:
        """Take the lock if it is free; return None at once if it is not."""
        token = secrets.token_hex(16)  # unguessable, unique per acquisition
        fence = self._acquire(
            keys=[self.key, self.fence_key], args=[token, self._ttl_ms]
        )
        return Lease(token, int(fence)) if fence else None

    def acquire(self, wait_seconds: float) -> Lease:
        """Retry until the lock is ours or `wait_seconds` pass."""
        deadline = time.monotonic() + wait_seconds
        while (lease := self.try_acquire()) is None:
            if time.monotonic() >= deadline:
                raise LockNotAcquiredError(
                    f"{self.key} stayed busy for {wait_seconds}s"
                )
            time.sleep(0.01)
        return lease

    def release(self, lease: Lease) -> bool:
        """Free the lock if `lease` still holds it; False means it had expired."""
        return self._release(keys=[self.key], args=[lease.token]) == 1

    def extend(self, lease: Lease, ttl_ms: int) -> bool:
        """Reset the lease to `ttl_ms` from now if we still hold it."""
        if ttl_ms < 1:
            raise ValueError(f"ttl_ms must be >= 1, got {ttl_ms}")
        return self._extend(keys=[self.key], args=[lease.token, ttl_ms]) == 1

    @contextmanager
    def held(self, wait_seconds: float = 5.0) -> Iterator[Lease]:
        """Hold the lock for a `with` block and release it on the way out.

        If the lease expired inside a block that succeeded, raise LockLostError.
        If the block raised, its exception propagates unchanged: the lost lease
        (or a failed release) becomes a note on it and a warning in the log.
        """
        lease = self.acquire(wait_seconds)
        try:
            yield lease
        except BaseException as error:
            self._release_after(error, lease)
            raise
        if not self.release(lease):
            raise LockLostError(self._lost())

    def _lost(self) -> str:
        return f"{self.key} expired while held; the work may have overlapped"

    def _release_after(self, error: BaseException, lease: Lease) -> None:
        """Release after the block raised, never replacing `error` with our own."""
        try:
            released = self.release(lease)
        except redis.RedisError as release_error:
            problem = f"releasing {self.key} failed too: {release_error}"
        else:
            if released:
                return
            problem = self._lost()
        error.add_note(problem)
        logger.warning("%s, while handling %r", problem, error)


# --8<-- [end:lock]


# --8<-- [start:fenced_store]
class FencedStore:
    """A resource that accepts a write only with a fencing token at least as new as the last.

    In memory, for one thread. A real resource makes the check and the write one
    atomic step, or it has the check-then-act race again (pg_fence.py: one
    transaction).
    """

    def __init__(self) -> None:
        self.highest_fence = 0
        self.value: str | None = None

    def write(self, value: str, fence: int) -> bool:
        """Apply the write unless a newer lock holder has already written."""
        if fence < self.highest_fence:
            return False
        self.highest_fence, self.value = fence, value
        return True


# --8<-- [end:fenced_store]
