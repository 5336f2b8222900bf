"""SLI, error budget and four alerting rules, scored on one seeded 30-day log."""

from __future__ import annotations

import numpy as np

from examples.observability.slo_alerts import (
    EVENTS,
    WORKBOOK_RULES,
    budget_spent,
    held,
    score,
    seeded_log,
    sli,
    static_firing,
)

SLO = 0.999

# --8<-- [start:budget]
log = seeded_log(EVENTS)
print(f"requests: {log.requests.sum():,}  errors: {log.errors.sum():,}")
#> requests: 43,195,162  errors: 35,263
print(f"SLI: {sli(log):.4%}  (SLO {SLO:.1%})")
#> SLI: 99.9184%  (SLO 99.9%)
allowed = (1 - SLO) * log.requests.sum()
print(f"budget: {allowed:,.0f} errors, spent {budget_spent(log, SLO):.0%}")
#> budget: 43,195 errors, spent 82%
for rule in WORKBOOK_RULES:
    print(f"{rule.name:<18} burn rate {rule.burn_rate:g}")
    #> page: 2% in 1h     burn rate 14.4
    #> page: 5% in 6h     burn rate 6
    #> ticket: 10% in 3d  burn rate 1
# --8<-- [end:budget]


def row(name: str, firing: np.ndarray) -> str:
    """One table row: minutes to detect each event worth alerting on, the noise,
    and how long the outage's alert kept firing after the fix."""
    result = score(firing, EVENTS)

    def minutes(value: int | None) -> str:
        return "missed" if value is None else f"{value} min"

    outage = minutes(result.detected_after["outage"])
    leak = minutes(result.detected_after["slow leak"])
    clears = minutes(result.cleared_after["outage"])
    return f"{name:<17} {outage:>6} {leak:>7} {result.false_alarms:>5} {clears:>7}"


# --8<-- [start:compare]
print(f"{'rule':<17} {'outage':>6} {'leak':>7} {'noise':>5} {'clears':>7}")
#> rule              outage    leak noise  clears
print(row("static 1%/5m", static_firing(log, 0.01)))
#> static 1%/5m       0 min  missed     1   4 min
print(row("static 0.1%/5m", static_firing(log, 0.001)))
#> static 0.1%/5m     0 min   0 min    42   4 min
print(row("  same, for: 10m", held(static_firing(log, 0.001), 10)))
#>   same, for: 10m  10 min  10 min     1   4 min
print(row("static 0.2%/6h", static_firing(log, 0.002, minutes=6 * 60)))
#> static 0.2%/6h     6 min 164 min     0 353 min
pages = WORKBOOK_RULES[0].firing(log, SLO) | WORKBOOK_RULES[1].firing(log, SLO)
print(row("burn-rate pages", pages))
#> burn-rate pages    8 min  missed     0  28 min
print(row("burn-rate ticket", WORKBOOK_RULES[2].firing(log, SLO)))
#> burn-rate ticket  35 min 902 min     0 356 min
all_static = score(static_firing(log, 0.001), EVENTS)
print(f"static 0.1%/5m: {all_static.episodes} alerts in the month")
#> static 0.1%/5m: 44 alerts in the month
# --8<-- [end:compare]
