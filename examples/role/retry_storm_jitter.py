"""Why jitter: a provider blip makes many deliveries fail at the same instant.

Every failed delivery is retried under the SMS policy from
notification_retry_schedule.py, and we assume the provider stays down, so each
delivery keeps retrying until its policy gives up. The question is how many
retries reach the provider in its busiest 100 ms window, with and without jitter.
"""

from __future__ import annotations

import math
import random
from collections import Counter

from examples.role.notification_retry_schedule import POLICIES, RetryPolicy

# --8<-- [start:storm]
WINDOWS_PER_S = 10  # 100 ms windows


def retry_times(policy: RetryPolicy, rng: random.Random | None) -> list[float]:
    """Moments (seconds after the first failure) at which one delivery retries.

    With `rng` None every worker waits the full ceiling: plain exponential backoff.
    """
    times, now = [], 0.0
    for wait in policy.schedule(rng):
        now += wait
        times.append(now)
    return times


def busiest_window(
    deliveries: int, policy: RetryPolicy, rng: random.Random | None
) -> int:
    """Most retries that start in any one window of 1 / WINDOWS_PER_S seconds."""
    if deliveries < 1:
        raise ValueError("deliveries must be at least 1")
    windows: Counter[int] = Counter()
    for _ in range(deliveries):
        for t in retry_times(policy, rng):
            # Multiply, do not floor-divide by 0.1: 1.0 // 0.1 is 9.0 in floats.
            windows[math.floor(t * WINDOWS_PER_S)] += 1
    return max(windows.values(), default=0)


# --8<-- [end:storm]

if __name__ == "__main__":
    # --8<-- [start:demo]
    sms = POLICIES["sms_otp"]
    failed_together = 1_000
    plain = busiest_window(failed_together, sms, rng=None)
    jittered = busiest_window(failed_together, sms, rng=random.Random(7))
    print(f"{failed_together} deliveries fail at t=0; busiest 100 ms window:")
    #> 1000 deliveries fail at t=0; busiest 100 ms window:
    print(f"  backoff without jitter: {plain} retries")
    #>   backoff without jitter: 1000 retries
    print(f"  backoff with full jitter: {jittered} retries")
    #>   backoff with full jitter: 145 retries
    # --8<-- [end:demo]
