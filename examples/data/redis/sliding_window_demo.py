"""The sliding window with an injected clock: refusals, Retry-After, and the window moving on."""

# requires-server: redis

from __future__ import annotations

from examples.data.redis.connection import redis_session
from examples.data.redis.sliding_window import SlidingWindowLimiter

with redis_session("sliding_window") as (r, p):
    # --8<-- [start:demo]
    now_ms = 1_000_000  # a fake clock: tests never sleep

    limiter = SlidingWindowLimiter(
        r, p, limit=3, window_ms=1_000, clock_ms=lambda: now_ms
    )
    for at in [0, 100, 200, 300]:
        now_ms = 1_000_000 + at
        print(at, limiter.allow("api-key-1"))
        #> 0 Decision(allowed=True, remaining=2, retry_after_ms=0)
        #> 100 Decision(allowed=True, remaining=1, retry_after_ms=0)
        #> 200 Decision(allowed=True, remaining=0, retry_after_ms=0)
        #> 300 Decision(allowed=False, remaining=0, retry_after_ms=700)
    now_ms = 1_000_000 + 1_000  # the request made at 0 leaves the window
    print(1_000, limiter.allow("api-key-1"))
    #> 1000 Decision(allowed=True, remaining=0, retry_after_ms=0)
    print("another client is independent:", limiter.allow("api-key-2").allowed)
    #> another client is independent: True
    # --8<-- [end:demo]
