"""Eight threads, one key, one instant: the lock makes the count exact."""

import threading

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import (
    Algorithm,
    LimiterConfig,
    create_limiter,
)
from examples.machine_coding.rate_limiter.limiter import RateLimiter

THREADS, CALLS = 8, 2_000


# --8<-- [start:threads]
def admitted_under_contention(limiter: RateLimiter) -> int:
    """Start THREADS threads together, each calling allow() CALLS times on one key."""
    start = threading.Barrier(THREADS)
    admitted = [0] * THREADS  # one slot per thread: no shared counter to race on

    def hammer(slot: int) -> None:
        start.wait()
        admitted[slot] = sum(limiter.allow("hot-key").allowed for _ in range(CALLS))

    workers = [threading.Thread(target=hammer, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(admitted)


for algorithm in Algorithm:
    # The clock never moves, so no quota comes back: exactly 100 may pass.
    limiter = create_limiter(LimiterConfig(algorithm, 100, 60), clock=ManualClock())
    total = admitted_under_contention(limiter)
    print(f"{algorithm:<16} {THREADS * CALLS:,} calls, {total} admitted")
    #> fixed_window     16,000 calls, 100 admitted
    #> sliding_log      16,000 calls, 100 admitted
    #> sliding_counter  16,000 calls, 100 admitted
    #> token_bucket     16,000 calls, 100 admitted
    #> leaky_bucket     16,000 calls, 100 admitted
# --8<-- [end:threads]
