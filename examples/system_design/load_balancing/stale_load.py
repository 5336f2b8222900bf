"""Least connections herds on a shared, stale load report; on partial but exact counts it does not."""

from __future__ import annotations

from examples.system_design.load_balancing.balancers import make_balancer
from examples.system_design.load_balancing.simulation import (
    Scenario,
    simulate,
    summarize,
)

# Eight equal servers at 80% load, 10,000 requests.
RATES = (100.0,) * 8


def p99(strategy: str, stale_for: float = 0.0, balancers: int = 1) -> float:
    scenario = Scenario(
        RATES, 0.8, requests=10_000, seed=1, stale_for=stale_for, balancers=balancers
    )
    run = simulate(make_balancer(strategy, len(RATES), seed=2), scenario)
    return summarize(run).p99_ms


# --8<-- [start:stale]
# Every pick reads the same load report, refreshed every `stale_for` seconds;
# nobody adds the requests sent since. That is the limit of many balancers
# that each send a small share and all read one published report.
print("   stale  p99 ms:  RR  random  least conn  P2C")
#>    stale  p99 ms:  RR  random  least conn  P2C
for stale in (0.0, 0.01, 0.05, 0.2):
    rr, rand, least, p2c = (
        p99(strategy, stale_for=stale)
        for strategy in ("round_robin", "random", "least_connections", "p2c")
    )
    print(f"{stale * 1000:>5.0f} ms{rr:>12.0f}{rand:>8.0f}{least:>12.0f}{p2c:>5.0f}")
    #>     0 ms         148     220          60   84
    #>    10 ms         148     220         121   90
    #>    50 ms         148     220         360  123
    #>   200 ms         148     220        1182  219
# --8<-- [end:stale]

# --8<-- [start:replicas]
# Replicas that each count only their own requests in flight: exact, partial.
print("replicas  p99 ms:  random  least conn  P2C")
#> replicas  p99 ms:  random  least conn  P2C
for replicas in (1, 10, 50):
    rand, least, p2c = (
        p99(strategy, balancers=replicas)
        for strategy in ("random", "least_connections", "p2c")
    )
    print(f"{replicas:>8}{rand:>16.0f}{least:>12.0f}{p2c:>5.0f}")
    #>        1             220          60   84
    #>       10             220         109  120
    #>       50             220         146  163
# --8<-- [end:replicas]
