"""Three-year cost of building, buying or self-hosting customer login.

Every input is an assumption, and login_decision.md says so: replace them
with your team's loaded cost, your own estimates and the vendor's written
quote. The point is the method: put engineer time and vendor price in one
unit (dollars over the same horizon), find the volume where the answer
flips, and see which assumption moves that volume most. The test checks
that every line printed here appears word for word in the decision doc.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MONTHS_PER_YEAR = 12
MINUTES_PER_30_DAYS = 30 * 24 * 60


# --8<-- [start:options]
@dataclass(frozen=True)
class Option:
    """One way to get the capability, in engineer-months and dollars."""

    name: str
    upfront_engineer_months: float  # build it, or integrate it
    engineer_months_per_year: float  # patches, upgrades, on-call, audits
    fixed_per_month: float  # hosting, support plan
    price_per_user_month: float = 0.0  # per monthly active user (MAU)
    exit_engineer_months: float = 0.0  # to move off it later

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if name == "name":
                continue
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if not (number and math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite number >= 0")


ENGINEER_MONTH = 20_000  # assumed loaded cost: salary, benefits, overhead
YEARS = 3

BUILD = Option("Build in-house", 8, 4, fixed_per_month=1_000)
BUY = Option(
    "Hosted identity vendor",
    1.5,
    0.5,
    fixed_per_month=0,
    price_per_user_month=0.015,  # the vendor's quote at our tier
    exit_engineer_months=3,
)
SELF_HOST = Option("Self-hosted open source", 3, 2, fixed_per_month=800)
# --8<-- [end:options]


# --8<-- [start:model]
def engineer_cost(option: Option, years: int) -> float:
    months = option.upfront_engineer_months + option.engineer_months_per_year * years
    return months * ENGINEER_MONTH


def total_cost(option: Option, users_by_year: list[int]) -> float:
    """Dollars over len(users_by_year) years, at each year's monthly users."""
    if not users_by_year or any(users < 0 for users in users_by_year):
        raise ValueError("give one non-negative user count per year")
    years = len(users_by_year)
    fixed = option.fixed_per_month * MONTHS_PER_YEAR * years
    usage = sum(
        option.price_per_user_month * MONTHS_PER_YEAR * users for users in users_by_year
    )
    return engineer_cost(option, years) + fixed + usage


def break_even_users(a: Option, b: Option, years: int = YEARS) -> float | None:
    """The monthly users at which a and b cost the same, if there is one.

    Cost is linear in users, so this is a steady volume or, for a forecast
    that changes year by year, the forecast's average over the horizon.
    """
    per_user = (
        (b.price_per_user_month - a.price_per_user_month) * MONTHS_PER_YEAR * years
    )
    fixed_a = total_cost(a, [0] * years)
    fixed_b = total_cost(b, [0] * years)
    if per_user == 0:
        return None  # the gap never closes, whatever the volume
    users = (fixed_a - fixed_b) / per_user
    return users if users > 0 else None


def allowed_downtime_minutes(sla_percent: float) -> float:
    """Minutes of downtime in a 30-day month that an availability SLA allows."""
    if not 0 < sla_percent <= 100:
        raise ValueError("sla_percent must be in (0, 100]")
    return MINUTES_PER_30_DAYS * (100 - sla_percent) / 100


# --8<-- [end:model]

TODAY = [200_000] * YEARS
FORECAST = [200_000, 400_000, 800_000]


def doc_lines() -> list[str]:
    """The numbers the decision doc quotes, each as one line."""
    lines = []
    # Cost is linear in users, so a forecast costs what its average would.
    average = sum(FORECAST) / len(FORECAST)
    growing = f"growing, {average:,.0f} MAU on average"
    for users, label in ((TODAY, "flat at 200,000 MAU"), (FORECAST, growing)):
        costs = ", ".join(
            f"{o.name} ${total_cost(o, users):,.0f}" for o in (BUILD, BUY, SELF_HOST)
        )
        lines.append(f"- {YEARS} years, {label}: {costs}.")
    vs_build = break_even_users(BUILD, BUY)
    vs_self_host = break_even_users(SELF_HOST, BUY)
    assert vs_build is not None and vs_self_host is not None
    lines.append(
        f"- Break-even against the vendor: building pays above {vs_build:,.0f} MAU,"
        f" self-hosting above {vs_self_host:,.0f} MAU."
    )
    for maintain in (1, 2, 4, 6):
        what_if = Option("what-if", 8, maintain, fixed_per_month=1_000)
        users = break_even_users(what_if, BUY)
        assert users is not None
        lines.append(
            f"- Build upkeep {maintain} engineer-month{'s' * (maintain != 1)} a year:"
            f" break-even at {users:,.0f} MAU."
        )
    exit_cost = BUY.exit_engineer_months * ENGINEER_MONTH
    lines.append(f"- Leaving the vendor: ${exit_cost:,.0f} of engineering.")
    lines.append(
        f"- A 99.9% monthly SLA allows {allowed_downtime_minutes(99.9):.1f} minutes"
        f" of downtime a month; 99.99% allows {allowed_downtime_minutes(99.99):.1f}."
    )
    return lines


if __name__ == "__main__":
    import textwrap

    # --8<-- [start:demo]
    for bullet in doc_lines():
        for line in textwrap.wrap(
            bullet, 72, subsequent_indent="  ", break_on_hyphens=False
        ):
            print(line)
            #> - 3 years, flat at 200,000 MAU: Build in-house $436,000, Hosted identity
            #>   vendor $168,000, Self-hosted open source $208,800.
            #> - 3 years, growing, 466,667 MAU on average: Build in-house $436,000,
            #>   Hosted identity vendor $312,000, Self-hosted open source $208,800.
            #> - Break-even against the vendor: building pays above 696,296 MAU,
            #>   self-hosting above 275,556 MAU.
            #> - Build upkeep 1 engineer-month a year: break-even at 362,963 MAU.
            #> - Build upkeep 2 engineer-months a year: break-even at 474,074 MAU.
            #> - Build upkeep 4 engineer-months a year: break-even at 696,296 MAU.
            #> - Build upkeep 6 engineer-months a year: break-even at 918,519 MAU.
            #> - Leaving the vendor: $60,000 of engineering.
            #> - A 99.9% monthly SLA allows 43.2 minutes of downtime a month; 99.99%
            #>   allows 4.3.
    # --8<-- [end:demo]

    # --8<-- [start:what_if]
    lean = Option("Build, upkeep 1 engineer-month a year", 8, 1, fixed_per_month=1_000)
    print(f"{break_even_users(BUILD, BUY):,.0f} -> {break_even_users(lean, BUY):,.0f}")
    #> 696,296 -> 362,963
    # --8<-- [end:what_if]
