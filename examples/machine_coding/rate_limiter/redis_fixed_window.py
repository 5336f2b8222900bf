"""A fixed window that every app server shares: one Lua script on Redis 7.

Each client has one hash, {start, used}: the aligned window it counts and the
units spent in it. A count stored for an older window is simply ignored, so a
key that lost its TTL can waste memory but can never lock a client out. The TTL
is reset on every admitted request to the time left in the window, which
expires the key when its window ends instead of pushing that end back.
"""

# requires-server: redis

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import redis

from examples.machine_coding.rate_limiter.validation import (
    check_cost,
    check_key,
    check_limit,
)

# --8<-- [start:script]
# KEYS[1]: one client's hash. ARGV: limit, window_ms, cost, now_ms ("" = Redis's clock).
# Redis runs the whole script before any other command: no check-then-act race.
FIXED_WINDOW = """
local limit, window, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')  -- one clock for every app server
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local start = now - now % window  -- windows align to the Unix epoch (UTC days)
local state = redis.call('HMGET', KEYS[1], 'start', 'used')
local used = 0
if tonumber(state[1]) == start then
  used = tonumber(state[2])  -- else: nothing stored, or an older window's count
end
if used + cost > limit then  -- refused: spend nothing, touch nothing
  return {0, limit - used, start + window - now}
end
redis.call('HSET', KEYS[1], 'start', start, 'used', used + cost)
redis.call('PEXPIRE', KEYS[1], start + window - now)  -- gone when the window ends
return {1, limit - used - cost, 0}
"""
# --8<-- [end:script]


# --8<-- [start:limiter]
@dataclass(frozen=True, slots=True)
class WindowDecision:
    allowed: bool
    remaining: int  # the largest cost that would pass now
    retry_after_ms: int  # 0 if allowed; else until the next window starts


class SharedFixedWindow:
    """At most `limit` units per client in each aligned window, across all servers."""

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        limit: int,
        window_ms: int,
        clock_ms: Callable[[], int] | None = None,  # None: Redis's TIME
    ) -> None:
        if isinstance(window_ms, bool) or not isinstance(window_ms, int):
            raise TypeError(f"window_ms must be an int, got {type(window_ms).__name__}")
        if window_ms < 1:
            raise ValueError(f"window_ms must be at least 1, got {window_ms}")
        self._prefix, self._window_ms = prefix, window_ms
        self._limit = check_limit(limit)
        self._clock_ms = clock_ms
        # register_script sends nothing; each call sends EVALSHA, and redis-py
        # loads the script once more if the server answers NOSCRIPT.
        self._script = r.register_script(FIXED_WINDOW)

    def key_for(self, key: str) -> str:
        return f"{self._prefix}fw:{check_key(key)}"

    def allow(self, key: str, cost: int = 1) -> WindowDecision:
        """Spend `cost` units of `key`'s window if they fit; refusals spend nothing."""
        redis_key = self.key_for(key)
        check_cost(cost, self._limit)
        now = "" if self._clock_ms is None else str(int(self._clock_ms()))
        allowed, remaining, retry_after_ms = self._script(
            keys=[redis_key], args=[self._limit, self._window_ms, cost, now]
        )
        return WindowDecision(bool(allowed), int(remaining), int(retry_after_ms))


# --8<-- [end:limiter]
