"""Availability of a request that needs k services in a row, each at 99.9%.

If every one of k services must answer, and they fail independently, the
request succeeds with probability a**k. Shared causes (one database, one
network, one bad deploy) make failures correlated, and the independence
assumption stops holding; so does a fan-out that can answer without a part.
"""

from __future__ import annotations

import math

MINUTES_PER_30_DAYS = 30 * 24 * 60


# --8<-- [start:availability]
def chain_availability(per_service: float, services: int) -> float:
    """The share of requests that succeed when all `services` must answer."""
    if not 0 <= per_service <= 1 or not math.isfinite(per_service):
        raise ValueError(f"availability is between 0 and 1, got {per_service!r}")
    if isinstance(services, bool) or not isinstance(services, int) or services < 1:
        raise ValueError(f"services must be a whole number from 1, got {services!r}")
    return per_service**services


def attempts_at_the_bottom(attempts_per_layer: int, layers: int) -> int:
    """Calls that reach the deepest service for one request if every layer retries."""
    if attempts_per_layer < 1 or layers < 1:
        raise ValueError("attempts and layers start at 1")
    return attempts_per_layer**layers


def downtime_minutes(
    availability: float, period_minutes: int = MINUTES_PER_30_DAYS
) -> float:
    """Minutes of failed requests per period, if failures were spread evenly."""
    return (1 - availability) * period_minutes


if __name__ == "__main__":
    for k in (1, 3, 5, 10, 25):
        a = chain_availability(0.999, k)
        minutes = downtime_minutes(a)
        print(f"needs {k:>2} at 99.9%: {a:.3%} up, {minutes:4.0f} min down per 30 days")
        #> needs  1 at 99.9%: 99.900% up,   43 min down per 30 days
        #> needs  3 at 99.9%: 99.700% up,  129 min down per 30 days
        #> needs  5 at 99.9%: 99.501% up,  216 min down per 30 days
        #> needs 10 at 99.9%: 99.004% up,  430 min down per 30 days
        #> needs 25 at 99.9%: 97.530% up, 1067 min down per 30 days
    bottom = attempts_at_the_bottom(attempts_per_layer=4, layers=3)
    print("1 try + 3 retries at each of 3 layers:", bottom, "calls at the bottom")
    #> 1 try + 3 retries at each of 3 layers: 64 calls at the bottom
# --8<-- [end:availability]
