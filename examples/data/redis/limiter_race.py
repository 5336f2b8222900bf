"""Why a rate limit checked in Python with GET then SET lets too many through, and INCR or a script does not."""

# requires-server: redis

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import redis

from examples.data.redis.connection import redis_session
from examples.data.redis.fixed_window import FixedWindowLimiter
from examples.data.redis.sliding_window import SlidingWindowLimiter

LIMIT, CALLERS = 3, 10


# --8<-- [start:racy]
def racy_allow(
    r: redis.Redis, key: str, limit: int, between: Callable[[], object] = lambda: None
) -> bool:
    """WRONG: read the count, decide in Python, write it back. Two round trips."""
    used = int(r.get(key) or 0)
    between()  # another server's request can run right here
    if used >= limit:
        return False
    r.set(key, used + 1, ex=60)
    return True


# --8<-- [end:racy]

if __name__ == "__main__":
    with redis_session("limiter_race") as (r, p):
        # --8<-- [start:race_demo]
        # The barrier makes every caller read before any writes: the interleaving
        # that production traffic produces sometimes, forced every time.
        everyone_has_read = threading.Barrier(CALLERS, timeout=5)
        with ThreadPoolExecutor(CALLERS) as pool:
            racy = list(
                pool.map(
                    lambda _: racy_allow(r, f"{p}racy", LIMIT, everyone_has_read.wait),
                    range(CALLERS),
                )
            )
        print(f"GET then SET: {sum(racy)} of {CALLERS} allowed, limit {LIMIT}")
        #> GET then SET: 10 of 10 allowed, limit 3
        # --8<-- [end:race_demo]

        # --8<-- [start:fixed_demo]
        fixed = FixedWindowLimiter(r, p, limit=LIMIT, window_ms=60_000)
        everyone_ready = threading.Barrier(CALLERS, timeout=5)

        def call_fixed(_: int) -> bool:
            everyone_ready.wait()  # all callers fire together
            return fixed.allow("client-7").allowed

        with ThreadPoolExecutor(CALLERS) as pool:
            counted = list(pool.map(call_fixed, range(CALLERS)))
        print(f"INCR in MULTI: {sum(counted)} of {CALLERS} allowed, limit {LIMIT}")
        #> INCR in MULTI: 3 of 10 allowed, limit 3
        print("the counter has a TTL:", 0 < r.pttl(f"{p}fw:client-7") <= 60_000)
        #> the counter has a TTL: True
        # --8<-- [end:fixed_demo]

        # --8<-- [start:script_demo]
        limiter = SlidingWindowLimiter(r, p, limit=LIMIT, window_ms=60_000)
        everyone_ready = threading.Barrier(CALLERS, timeout=5)

        def call(_: int) -> bool:
            everyone_ready.wait()  # all callers fire together
            return limiter.allow("client-42").allowed

        with ThreadPoolExecutor(CALLERS) as pool:
            atomic = list(pool.map(call, range(CALLERS)))
        print(f"Lua script: {sum(atomic)} of {CALLERS} allowed, limit {LIMIT}")
        #> Lua script: 3 of 10 allowed, limit 3
        # --8<-- [end:script_demo]
