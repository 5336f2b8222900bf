"""The leaky bucket as a queue: a burst comes out evenly spaced."""

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.leaky_bucket import LeakyBucketLimiter

# --8<-- [start:queue]
# The bucket holds 4 requests and drains 4 per 2 seconds: one every 0.5 s.
limiter = LeakyBucketLimiter(4, 2.0, clock=ManualClock(100.0))
for request in range(1, 7):
    decision = limiter.allow("batch-job")
    if decision.allowed:
        print(f"request {request}: queued, serve in {decision.delay:.1f} s")
        #> request 1: queued, serve in 0.0 s
        #> request 2: queued, serve in 0.5 s
        #> request 3: queued, serve in 1.0 s
        #> request 4: queued, serve in 1.5 s
    else:
        print(f"request {request}: bucket full, retry in {decision.retry_after:.1f} s")
        #> request 5: bucket full, retry in 0.5 s
        #> request 6: bucket full, retry in 0.5 s
# --8<-- [end:queue]
