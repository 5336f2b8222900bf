"""Five strategies, the same requests: three servers at 100 req/s and one at 50 req/s."""

from __future__ import annotations

from examples.system_design.load_balancing.balancers import STRATEGIES, make_balancer
from examples.system_design.load_balancing.simulation import (
    HEADER,
    RATES,
    Scenario,
    simulate,
    summarize,
)


# --8<-- [start:compare]
def table(utilization: float, requests: int = 20_000) -> list[str]:
    """One row per strategy, all routing the same seeded requests."""
    scenario = Scenario(RATES, utilization, requests=requests, seed=1)
    rows = []
    for strategy in STRATEGIES:
        run = simulate(make_balancer(strategy, len(RATES), seed=2), scenario)
        rows.append(summarize(run).row())
    return rows


at_70 = ["utilization 70%, 20,000 requests", HEADER, *table(0.7)]
at_90 = ["utilization 90%, 20,000 requests", HEADER, *table(0.9)]
for line in at_70 + at_90:
    print(line)
    #> utilization 70%, 20,000 requests
    #> algorithm             p50 ms  p99 ms mean q max q to slow
    #> round robin               20   18336  120.8   947     25%
    #> random                    29   18792  131.9  1007     25%
    #> least connections         12      92    0.5     6     17%
    #> power of two choices      16     110    0.9     8     18%
    #> consistent hash           31   13263   85.8   666     24%
    #> utilization 90%, 20,000 requests
    #> algorithm             p50 ms  p99 ms mean q max q to slow
    #> round robin               34   35669  232.2  1838     25%
    #> random                    51   36230  246.7  1919     25%
    #> least connections         27     166    2.1    15     15%
    #> power of two choices      34     195    2.8    16     15%
    #> consistent hash           69   30522  197.0  1585     24%
# --8<-- [end:compare]
