"""The fixed-window boundary burst: 2x the limit in half a second."""

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import (
    Algorithm,
    LimiterConfig,
    create_limiter,
)

# --8<-- [start:boundary]
# 5 requests per minute. The client sends 5 at t=59.5 and 5 more at t=60.0,
# right after the fixed window [0, 60) rolls over to [60, 120).
for algorithm in Algorithm:
    clock = ManualClock(59.5)
    limiter = create_limiter(LimiterConfig(algorithm, limit=5, window=60), clock=clock)
    first = sum(limiter.allow("k").allowed for _ in range(5))
    clock.set(60.0)
    second = sum(limiter.allow("k").allowed for _ in range(5))
    print(f"{algorithm:<16} {first} + {second} = {first + second} in 0.5 s")
    #> fixed_window     5 + 5 = 10 in 0.5 s
    #> sliding_log      5 + 0 = 5 in 0.5 s
    #> sliding_counter  5 + 0 = 5 in 0.5 s
    #> token_bucket     5 + 0 = 5 in 0.5 s
    #> leaky_bucket     5 + 0 = 5 in 0.5 s
# --8<-- [end:boundary]
