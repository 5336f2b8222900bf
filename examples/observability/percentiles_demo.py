"""Histogram estimates against exact percentiles, and why p99s cannot be averaged."""

from __future__ import annotations

import random

from prometheus_client import Histogram

from examples.observability.histogram_quantile import (
    buckets_of,
    exact_quantile,
    histogram_quantile,
)
from examples.observability.service_metrics import LATENCY_BUCKETS


def latencies(
    rng: random.Random, n: int, median: float, slow_share: float
) -> list[float]:
    """Log-normal around `median` seconds, plus a share of slow requests (0.3-1.2 s)."""
    fast = [rng.lognormvariate(0, 0.5) * median for _ in range(n)]
    return [rng.uniform(0.3, 1.2) if rng.random() < slow_share else t for t in fast]


# --8<-- [start:buckets]
rng = random.Random(42)
samples = latencies(rng, 20_000, median=0.045, slow_share=0.005)
layouts = {
    "default": Histogram.DEFAULT_BUCKETS[:-1],  # the client's, minus +Inf
    "ours": LATENCY_BUCKETS,
    "coarse": (0.1, 1.0, 10.0),
}
exact = {q: exact_quantile(q, samples) for q in (0.5, 0.99)}
print(
    f"exact    p50 {exact[0.5] * 1000:5.1f} ms        p99 {exact[0.99] * 1000:5.1f} ms"
)
#> exact    p50  45.1 ms        p99 159.8 ms
for name, bounds in layouts.items():
    cells = []
    for q in (0.5, 0.99):
        estimate = histogram_quantile(q, buckets_of(samples, bounds))
        error = (estimate - exact[q]) / exact[q]
        cells.append(f"p{q * 100:g} {estimate * 1000:5.1f} ms ({error:+4.0%})")
    print(f"{name:<8}", "  ".join(cells))
    #> default  p50  45.7 ms ( +1%)  p99 236.6 ms (+48%)
    #> ours     p50  45.7 ms ( +1%)  p99 192.6 ms (+21%)
    #> coarse   p50  53.3 ms (+18%)  p99 870.5 ms (+445%)
# --8<-- [end:buckets]

# --8<-- [start:fleet]
rng = random.Random(7)
servers = {
    "a": latencies(rng, 9_000, median=0.040, slow_share=0.002),
    "b": latencies(rng, 9_000, median=0.040, slow_share=0.002),
    "c": latencies(rng, 2_000, median=0.090, slow_share=0.06),  # one bad host
}
p99s = {name: exact_quantile(0.99, s) for name, s in servers.items()}
for name, p99 in p99s.items():
    print(f"server {name}: {len(servers[name]):>5} requests, p99 {p99 * 1000:.0f} ms")
    #> server a:  9000 requests, p99 128 ms
    #> server b:  9000 requests, p99 138 ms
    #> server c:  2000 requests, p99 1045 ms
everything = [t for s in servers.values() for t in s]
print(f"average of the p99s: {sum(p99s.values()) / len(p99s) * 1000:.0f} ms")
#> average of the p99s: 437 ms
print(f"fleet p99, exact:    {exact_quantile(0.99, everything) * 1000:.0f} ms")
#> fleet p99, exact:    234 ms
# Bucket counts add up across servers; sum them, then take the quantile once.
summed = [
    (le, sum(buckets_of(s, LATENCY_BUCKETS)[i][1] for s in servers.values()))
    for i, (le, _) in enumerate(buckets_of(everything, LATENCY_BUCKETS))
]
print(f"fleet p99, buckets:  {histogram_quantile(0.99, summed) * 1000:.0f} ms")
#> fleet p99, buckets:  259 ms
# --8<-- [end:fleet]
