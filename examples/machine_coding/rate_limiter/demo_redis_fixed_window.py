"""One client's requests against a fixed window that all app servers share in Redis."""

# requires-server: redis

from examples.data.redis.connection import redis_session
from examples.machine_coding.rate_limiter.redis_fixed_window import SharedFixedWindow

# --8<-- [start:demo]
times = [59_000, 59_000, 59_000, 59_500, 60_000]  # ms, from an injected clock
readings = iter(times)
with redis_session("rl_shared_window") as (r, prefix):
    limiter = SharedFixedWindow(r, prefix, 3, 60_000, clock_ms=lambda: next(readings))
    for at in times:
        print(at, limiter.allow("api-key-123"))
        #> 59000 WindowDecision(allowed=True, remaining=2, retry_after_ms=0)
        #> 59000 WindowDecision(allowed=True, remaining=1, retry_after_ms=0)
        #> 59000 WindowDecision(allowed=True, remaining=0, retry_after_ms=0)
        #> 59500 WindowDecision(allowed=False, remaining=0, retry_after_ms=500)
        #> 60000 WindowDecision(allowed=True, remaining=2, retry_after_ms=0)
    ttl_ms = r.pttl(limiter.key_for("api-key-123"))
    print("the key expires with its window:", 0 < ttl_ms <= 60_000)
    #> the key expires with its window: True
# --8<-- [end:demo]
