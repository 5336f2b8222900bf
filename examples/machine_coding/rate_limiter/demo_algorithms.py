"""One traffic pattern, five algorithms: how many requests each one admits."""

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import (
    Algorithm,
    LimiterConfig,
    create_limiter,
)

# --8<-- [start:compare]
# A policy of 5 requests per 10 seconds. The client sends 7 at t=0, then 3
# more at t=5, t=10 and t=15.
TRAFFIC = [(0.0, 7), (5.0, 3), (10.0, 3), (15.0, 3)]

for algorithm in Algorithm:
    clock = ManualClock()
    limiter = create_limiter(LimiterConfig(algorithm, limit=5, window=10), clock=clock)
    admitted = []
    for at, burst in TRAFFIC:
        clock.set(at)
        admitted.append(sum(limiter.allow("client-7").allowed for _ in range(burst)))
    print(f"{algorithm:<16} admitted per burst {admitted}  total {sum(admitted)}")
    #> fixed_window     admitted per burst [5, 0, 3, 2]  total 10
    #> sliding_log      admitted per burst [5, 0, 3, 2]  total 10
    #> sliding_counter  admitted per burst [5, 0, 0, 2]  total 7
    #> token_bucket     admitted per burst [5, 2, 3, 2]  total 12
    #> leaky_bucket     admitted per burst [5, 2, 3, 2]  total 12
# --8<-- [end:compare]
