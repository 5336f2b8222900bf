"""Technical debt priced like a loan: principal, interest, payback.

Each item's principal is the one-off work to fix it. Its interest is what the
team pays every week while it stays: hours, computed from counts someone can
check (deploys a week, CI runs, spurious failures). The weekly interest rate
is interest over principal; the payback period is its inverse. The counts are
invented, but each comes from a place you could look it up.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

WEEKS_PER_QUARTER = 13


# --8<-- [start:debt]
@dataclass(frozen=True)
class Debt:
    name: str
    principal_hours: float  # one-off cost to pay it down
    interest_hours_per_week: float  # cost of living with it, every week

    def __post_init__(self) -> None:
        if self.principal_hours <= 0 or self.interest_hours_per_week < 0:
            raise ValueError(f"{self.name}: principal must be > 0, interest >= 0")

    @property
    def weekly_rate(self) -> float:
        return self.interest_hours_per_week / self.principal_hours

    @property
    def payback_weeks(self) -> float:
        if self.interest_hours_per_week == 0:
            return float("inf")
        return self.principal_hours / self.interest_hours_per_week

    def net_hours(self, weeks: float) -> float:
        """Hours saved by paying it down now, over `weeks`; negative: not yet worth it."""
        return self.interest_hours_per_week * weeks - self.principal_hours


# --8<-- [end:debt]

# --8<-- [start:items]
DEBTS = (
    Debt(
        "manual deploys",
        principal_hours=40,  # a pipeline with a canary and one-click rollback
        # 8 deploys a week at 45 minutes each, and 1 in 10 fails: 3 hours to recover
        interest_hours_per_week=8 * 0.75 + 8 * 0.10 * 3,
    ),
    Debt(
        "flaky integration tests",
        principal_hours=24,  # fix or quarantine the six worst tests
        # 150 CI runs a week, 8% fail spuriously, 30 minutes lost to each
        interest_hours_per_week=150 * 0.08 * 0.5,
    ),
    Debt(
        "copy-pasted provider retries",
        principal_hours=32,  # one retry policy, shared by the four call sites
        # each new provider costs 3 extra days; one new provider a quarter
        interest_hours_per_week=3 * 8 / WEEKS_PER_QUARTER,
    ),
    Debt(
        "legacy template engine",
        principal_hours=120,  # rewrite on the new engine, migrate 300 templates
        # 2 tickets a month touch it; each 8-hour ticket takes 20% longer
        interest_hours_per_week=2 * 8 * 0.20 * 12 / 52,
    ),
)
# --8<-- [end:items]


def table(debts: tuple[Debt, ...], weeks: float = 2 * WEEKS_PER_QUARTER) -> list[str]:
    """One line per debt, shortest payback first."""
    header = ("debt", "fix h", "h/week", "rate", "payback", f"net {weeks:g} wk")
    lines = ["{:<29}{:>6}{:>8}{:>6}{:>9}{:>11}".format(*header)]
    for d in sorted(debts, key=lambda d: d.payback_weeks):
        lines.append(
            f"{d.name:<29}{d.principal_hours:>6g}{d.interest_hours_per_week:>8.1f}"
            f"{d.weekly_rate:>6.0%}{d.payback_weeks:>7.1f} w{d.net_hours(weeks):>+9.0f} h"
        )
    return lines


# --8<-- [start:pitch]
def pitch(debt: Debt, weeks: float = 2 * WEEKS_PER_QUARTER) -> list[str]:
    """The case in a product manager's terms: time back, and when."""
    text = (
        f"Fixing {debt.name} costs {debt.principal_hours / 8:g} engineer-days once "
        f"and gives back {debt.interest_hours_per_week:.1f} hours every week. It pays "
        f"for itself in {debt.payback_weeks:.0f} weeks; over the next "
        f"{weeks / WEEKS_PER_QUARTER:g} quarters it returns "
        f"{debt.net_hours(weeks) / 8:.0f} engineer-days for features."
    )
    return textwrap.wrap(text, 76)


# --8<-- [end:pitch]

# --8<-- [start:demo]
if __name__ == "__main__":
    for line in table(DEBTS):
        print(line)
        #> debt                          fix h  h/week  rate  payback  net 26 wk
        #> flaky integration tests          24     6.0   25%    4.0 w     +132 h
        #> manual deploys                   40     8.4   21%    4.8 w     +178 h
        #> copy-pasted provider retries     32     1.8    6%   17.3 w      +16 h
        #> legacy template engine          120     0.7    1%  162.5 w     -101 h
    for line in pitch(DEBTS[0]):
        print(line)
        #> Fixing manual deploys costs 5 engineer-days once and gives back 8.4 hours
        #> every week. It pays for itself in 5 weeks; over the next 2 quarters it
        #> returns 22 engineer-days for features.

    # The same debt at a different rate: next quarter's roadmap sends 10
    # template tickets a month through the legacy engine instead of 2.
    busy = Debt("legacy template engine", 120, 10 * 8 * 0.20 * 12 / 52)
    print(f"legacy engine, 10 tickets a month: payback {busy.payback_weeks:.1f} weeks")
    #> legacy engine, 10 tickets a month: payback 32.5 weeks
# --8<-- [end:demo]
