"""Per-key state is bounded: idle keys are swept away without changing any answer."""

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.sliding_log import SlidingLogLimiter

# --8<-- [start:eviction]
clock = ManualClock()
limiter = SlidingLogLimiter(10, 60, clock=clock)

for visitor in range(50_000):  # a crawler: every request from a new key
    limiter.allow(f"ip-{visitor}")
    clock.advance(0.01)  # 100 new keys per second
print(f"keys held after 50,000 distinct visitors: {limiter.tracked_keys}")
#> keys held after 50,000 distinct visitors: 11808

clock.advance(60)
print(f"dropped by evict_idle() a minute later: {limiter.evict_idle()}")
#> dropped by evict_idle() a minute later: 11808
print(f"keys held now: {limiter.tracked_keys}")
#> keys held now: 0
# --8<-- [end:eviction]
