"""SLI, error budget and four alerting rules, scored on one seeded 30-day log."""

from __future__ import annotations

import numpy as np

from examples.observability.slo_alerts import (
    EVENTS,
    WORKBOOK_RULES,
    budget_spent,
    score,
    seeded_log,
    sli,
    static_firing,
)

SLO = 0.999

# --8<-- [start:budget]
log = seeded_log(EVENTS)
print(f"requests: {log.requests.sum():,}  errors: {log.errors.sum():,}")
#> requests: 43,195,162  errors: 35,155
print(f"SLI: {sli(log):.4%}  (SLO {SLO:.1%})")
#> SLI: 99.9186%  (SLO 99.9%)
allowed = (1 - SLO) * log.requests.sum()
print(f"budget: {allowed:,.0f} errors, spent {budget_spent(log, SLO):.0%}")
#> budget: 43,195 errors, spent 81%
for rule in WORKBOOK_RULES:
    print(f"{rule.name:<18} burn rate {rule.burn_rate:g}")
    #> page: 2% in 1h     burn rate 14.4
    #> page: 5% in 6h     burn rate 6
    #> ticket: 10% in 3d  burn rate 1
# --8<-- [end:budget]


def row(name: str, firing: np.ndarray) -> str:
    """One table row: minutes to detect each event worth alerting on, and the noise."""
    result = score(firing, EVENTS)
    cells = [
        "missed" if minutes is None else f"{minutes} min"
        for event in EVENTS
        if event.worth_a_page
        for minutes in [result.detected_after[event.name]]
    ]
    return f"{name:<15} {cells[0]:>7} {cells[1]:>9} {result.false_alarms:>6}"


# --8<-- [start:compare]
print(f"{'rule':<15} {'outage':>7} {'slow leak':>9} {'noise':>6}")
#> rule             outage slow leak  noise
print(row("static 1%/5m", static_firing(log, 0.01)))
#> static 1%/5m      0 min    missed      1
print(row("static 0.1%/5m", static_firing(log, 0.001)))
#> static 0.1%/5m    0 min     0 min     41
pages = WORKBOOK_RULES[0].firing(log, SLO) | WORKBOOK_RULES[1].firing(log, SLO)
print(row("burn-rate page", pages))
#> burn-rate page    8 min    missed      0
print(row("+ ticket rule", pages | WORKBOOK_RULES[2].firing(log, SLO)))
#> + ticket rule     8 min   902 min      0
# --8<-- [end:compare]
