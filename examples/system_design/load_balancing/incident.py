"""One server starts failing: what clients see with no checks, active checks, passive ejection, or both."""

from __future__ import annotations

from examples.system_design.load_balancing.balancers import make_balancer
from examples.system_design.load_balancing.health import (
    ActiveHealthCheck,
    Fault,
    OutlierDetector,
)
from examples.system_design.load_balancing.simulation import (
    Checks,
    Run,
    Scenario,
    simulate,
)

# --8<-- [start:setup]
# Four equal servers at 50% load: 200 requests/s for 80 simulated seconds.
SCENARIO = Scenario(rates=(100.0,) * 4, utilization=0.5, requests=16_000, seed=3)
# Server 2 answers 503 in 1 ms from t=10 s to t=55 s (a bad config push, say).
FAULT = Fault(server=2, start=10.0, end=55.0)


def active() -> ActiveHealthCheck:
    return ActiveHealthCheck(servers=4, interval=5.0, unhealthy_threshold=3)


def passive(always_eject_one_host: bool = True) -> OutlierDetector:
    # Envoy's defaults (5 in a row, 30 s, a 10% cap) plus the flag that lets a
    # pool of 4 eject one server: 10% of 4 servers rounds down to none.
    return OutlierDetector(
        servers=4,
        consecutive_5xx=5,
        base_ejection_time=30.0,
        max_ejection_percent=10,
        always_eject_one_host=always_eject_one_host,
    )


# --8<-- [end:setup]


def back_in_rotation(run: Run) -> str:
    """When the failed server got its first request after it recovered."""
    after = [
        r.arrival for r in run.requests if r.server == 2 and r.arrival >= FAULT.end
    ]
    return f"{after[0]:.1f} s" if after else "never (run ended)"


def line(label: str, strategy: str, checks: Checks) -> str:
    run = simulate(make_balancer(strategy, 4, seed=4), SCENARIO, checks)
    errors = sum(not r.ok for r in run.requests)
    share = errors / len(run.requests)
    back = back_in_rotation(run)
    return f"{label:<25}{errors:>7}{share:>7.1%}{run.ejections:>9}  {back}"


# --8<-- [start:compare]
print(f"{'checks (round robin)':<25}{'errors':>7}{'rate':>7}{'ejected':>9}  back at")
#> checks (round robin)      errors   rate  ejected  back at
print(line("none", "round_robin", Checks(faults=[FAULT])))
#> none                        2254  14.1%        0  55.0 s
print(
    line(
        "active, 5 s x 3 probes", "round_robin", Checks(active=active(), faults=[FAULT])
    )
)
#> active, 5 s x 3 probes       477   3.0%        0  60.0 s
envoy_defaults = Checks(outlier=passive(always_eject_one_host=False), faults=[FAULT])
print(line("passive, Envoy defaults", "round_robin", envoy_defaults))
#> passive, Envoy defaults     2254  14.1%        0  55.0 s
one_host = Checks(outlier=passive(), faults=[FAULT])
print(line("passive, eject one host", "round_robin", one_host))
#> passive, eject one host       10   0.1%        2  never (run ended)
both = Checks(outlier=passive(), active=active(), faults=[FAULT])
print(line("passive + active", "round_robin", both))
#> passive + active               5   0.0%        1  60.0 s
# --8<-- [end:compare]

# --8<-- [start:black_hole]
print(line("none, least connections", "least_connections", Checks(faults=[FAULT])))
#> none, least connections     3504  21.9%        0  55.0 s
# --8<-- [end:black_hole]
