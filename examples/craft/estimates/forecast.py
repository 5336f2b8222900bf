"""Three-point estimates for a small project, summed three ways.

Nine tickets add an SMS channel to a notification service. Each ticket has a
best case, a most likely and a worst case, in working days of one engineer.
The naive plan adds up the most likely values. PERT adds up weighted means
and combines the spreads. A seeded Monte Carlo simulation draws every ticket
10,000 times and reads the dates off the results. The numbers are invented;
the arithmetic is the point.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


# --8<-- [start:ticket]
@dataclass(frozen=True)
class Ticket:
    key: str
    title: str
    best: float
    likely: float
    worst: float

    def __post_init__(self) -> None:
        if not 0 < self.best <= self.likely <= self.worst:
            raise ValueError(
                f"{self.key}: need 0 < best <= likely <= worst, got "
                f"{self.best}, {self.likely}, {self.worst}"
            )

    @property
    def mean(self) -> float:
        """PERT's weighted mean: the most likely value counts four times."""
        return (self.best + 4 * self.likely + self.worst) / 6

    @property
    def sd(self) -> float:
        """PERT's spread: best and worst taken as about three sigmas either side."""
        return (self.worst - self.best) / 6

    def sample(self, rng: random.Random) -> float:
        """One draw from the PERT beta distribution, whose mean is `self.mean`."""
        span = self.worst - self.best
        if span == 0:
            return self.best
        a = 1 + 4 * (self.likely - self.best) / span
        b = 1 + 4 * (self.worst - self.likely) / span
        return self.best + span * rng.betavariate(a, b)


# --8<-- [end:ticket]

# --8<-- [start:tickets]
SMS_CHANNEL = (
    Ticket("NOTIF-101", "SMS provider adapter: timeouts, retries, errors", 1, 2, 5),
    Ticket("NOTIF-102", "Phone numbers, SMS preferences, STOP opt-out", 1, 1.5, 3),
    Ticket("NOTIF-103", "SMS templates: length limits, Unicode", 0.5, 1, 3),
    Ticket("NOTIF-104", "Delivery-receipt webhook, signed and idempotent", 1, 2, 4),
    Ticket("NOTIF-105", "Quiet hours in the user's time zone", 0.5, 1, 3),
    Ticket("NOTIF-106", "Per-user rate limit and provider quota", 0.5, 1, 2),
    Ticket("NOTIF-107", "Metrics, alerts and runbook", 0.5, 1, 2),
    Ticket("NOTIF-108", "QA pass in staging, with fixes", 1, 2, 5),
    Ticket("NOTIF-109", "Load test; rollout behind a flag, 1% to 100%", 1, 2, 6),
)
# --8<-- [end:tickets]


# --8<-- [start:sums]
def pert_total(tickets: Sequence[Ticket]) -> tuple[float, float]:
    """Means add; for independent tickets, variances add, so spreads add in quadrature."""
    return sum(t.mean for t in tickets), math.sqrt(sum(t.sd**2 for t in tickets))


@dataclass(frozen=True)
class Plan:
    """`work` is done one ticket after another. `wait` runs alongside it,
    starting `wait_starts` days in (an approval, another team's change);
    `then` starts once both are finished."""

    work: tuple[Ticket, ...]
    wait: Ticket | None = None
    wait_starts: float = 0
    then: tuple[Ticket, ...] = ()


def simulate(plan: Plan, runs: int = 10_000, seed: int = 7) -> list[float]:
    """Project lengths in working days, sorted, one per simulated run."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    rng = random.Random(seed)
    totals = []
    for _ in range(runs):
        done = sum(t.sample(rng) for t in plan.work)
        if plan.wait is not None:
            done = max(done, plan.wait_starts + plan.wait.sample(rng))
        totals.append(done + sum(t.sample(rng) for t in plan.then))
    return sorted(totals)


def percentile(totals: Sequence[float], q: float) -> float:
    """Nearest rank: the smallest value that at least a fraction q of runs reach."""
    if not totals or not 0 < q <= 1:
        raise ValueError("need at least one run and 0 < q <= 1")
    return totals[math.ceil(q * len(totals)) - 1]


def chance_within(totals: Sequence[float], days: float) -> float:
    return sum(total <= days for total in totals) / len(totals)


# --8<-- [end:sums]


# --8<-- [start:dates]
def finish_date(start: date, days: float) -> date:
    """The working day on which `days` of work started on `start` (a weekday) ends.

    Weekends are skipped; holidays and other work are not modeled.
    """
    if start.weekday() >= 5:
        raise ValueError(f"{start} is a weekend day")
    if days < 0:
        raise ValueError("days must not be negative")
    day, left = start, max(math.ceil(days - 1e-9), 1) - 1
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5
    return day


# --8<-- [end:dates]

START = date(2025, 3, 3)  # a Monday


def show(label: str, days: float) -> str:
    return f"{label:<26}{days:5.1f} days  {finish_date(START, days):%a %Y-%m-%d}"


# --8<-- [start:demo]
if __name__ == "__main__":
    tickets = SMS_CHANNEL
    best = sum(t.best for t in tickets)
    likely = sum(t.likely for t in tickets)
    mean, sd = pert_total(tickets)
    runs = simulate(Plan(work=tickets))
    print(f"{len(tickets)} tickets, one engineer, starting {START:%a %Y-%m-%d}")
    #> 9 tickets, one engineer, starting Mon 2025-03-03
    print(show("sum of best cases", best))
    #> sum of best cases           7.0 days  Tue 2025-03-11
    print(show("sum of most likely", likely))
    #> sum of most likely         13.5 days  Thu 2025-03-20
    print(show("PERT mean", mean) + f" (sd {sd:.1f})")
    #> PERT mean                  15.7 days  Mon 2025-03-24 (sd 1.6)
    print(show("simulated P50", percentile(runs, 0.50)))
    #> simulated P50              15.6 days  Mon 2025-03-24
    print(show("simulated P85", percentile(runs, 0.85)))
    #> simulated P85              17.4 days  Wed 2025-03-26
    padded = sum(percentile(simulate(Plan(work=(t,))), 0.85) for t in tickets)
    print(show("each ticket's P85, summed", padded))
    #> each ticket's P85, summed  20.9 days  Mon 2025-03-31
    by_date = math.ceil(likely)  # a date means the whole day: 14 working days here
    print(f"runs done within the most-likely sum: {chance_within(runs, likely):.0%}")
    #> runs done within the most-likely sum: 9%
    print(f"runs done by the end of its date:     {chance_within(runs, by_date):.0%}")
    #> runs done by the end of its date:     15%
    print(f"runs done within the best-case sum:   {chance_within(runs, best):.0%}")
    #> runs done within the best-case sum:   0%
# --8<-- [end:demo]
