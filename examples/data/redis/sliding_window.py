"""A distributed sliding-window rate limiter: one Lua script, one sorted set per client.

Each admitted request is a member of a sorted set scored by its time in
milliseconds. The script drops members older than the window, counts the
rest, and admits the request only if the count is under the limit. Redis runs
a script to the end before it runs any other command, so no two app servers
can both see "one slot left" and both take it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import redis

# --8<-- [start:script]
SLIDING_WINDOW = """
-- KEYS[1]: this client's window; ARGV: now_ms ('' = server clock), window_ms, limit, member
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')  -- one clock for every app server
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)  -- an idle client's key frees itself
  return {1, limit - used - 1, 0}
end
-- Free once used - limit + 1 requests have left: the one at index used - limit
-- (the oldest, unless the key was filled under a higher limit).
local frees = redis.call('ZRANGE', KEYS[1], used - limit, used - limit, 'WITHSCORES')
return {0, 0, tonumber(frees[2]) + window - now}
"""
# --8<-- [end:script]

CLIENT_ID = re.compile(r"[A-Za-z0-9_.:@-]{1,128}")


@dataclass(frozen=True)
class Decision:
    """The limiter's answer: map a refusal to HTTP 429 with Retry-After."""

    allowed: bool
    remaining: int
    retry_after_ms: int


# --8<-- [start:limiter]
class SlidingWindowLimiter:
    """At most `limit` requests per client in any `window_ms` milliseconds, across servers."""

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        limit: int,
        window_ms: int,
        clock_ms: Callable[[], int] | None = None,
    ) -> None:
        if limit < 1 or window_ms < 1:
            raise ValueError(
                f"limit and window_ms must be >= 1, got {limit}, {window_ms}"
            )
        self._prefix, self._limit, self._window_ms = prefix, limit, window_ms
        # None: the script reads Redis's own clock, so app servers' clocks can differ.
        self._clock_ms = clock_ms
        # register_script sends nothing. Each call sends EVALSHA (the SHA1, not
        # the script). If the server has no copy (after a restart, a failover or
        # SCRIPT FLUSH), redis-py gets NOSCRIPT, sends SCRIPT LOAD and retries
        # EVALSHA once. It never sends EVAL.
        self._script = r.register_script(SLIDING_WINDOW)

    def allow(self, client_id: str) -> Decision:
        """Admit or refuse one request from `client_id`."""
        if not CLIENT_ID.fullmatch(client_id):
            raise ValueError(
                f"client_id must match {CLIENT_ID.pattern}, got {client_id!r}"
            )
        now = "" if self._clock_ms is None else str(self._clock_ms())
        member = secrets.token_hex(8)  # unique, so two requests in one ms both count
        allowed, remaining, retry_after = self._script(
            keys=[f"{self._prefix}rl:{client_id}"],
            args=[now, self._window_ms, self._limit, member],
        )
        return Decision(bool(allowed), int(remaining), int(retry_after))


# --8<-- [end:limiter]
