"""A weekly status update, computed: what is done, the new forecast, one risk with options.

A week into the SMS channel, two tickets are done (one took longer than its
most likely estimate) and a new risk appeared: the carrier must approve the
SMS sender before the rollout, and that approval cannot start until legal
signs the opt-in text. The update re-forecasts the remaining work from what
is left, then prices each option as a P50 and P85 date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from examples.craft.estimates.forecast import (
    SMS_CHANNEL,
    START,
    Plan,
    Ticket,
    finish_date,
    percentile,
    simulate,
)


@dataclass(frozen=True)
class Forecast:
    p50: date
    p85: date

    def __str__(self) -> str:
        return f"P50 {self.p50:%a %m-%d}, P85 {self.p85:%a %m-%d}"


def forecast(plan: Plan, elapsed: float, start: date = START) -> Forecast:
    """Dates for the rest of `plan`, after `elapsed` working days already spent."""
    runs = simulate(plan)
    days = [elapsed + percentile(runs, q) for q in (0.50, 0.85)]
    return Forecast(*(finish_date(start, d) for d in days))


def remaining(
    tickets: Sequence[Ticket], done: Mapping[str, float]
) -> tuple[Ticket, ...]:
    unknown = sorted(set(done) - {t.key for t in tickets})
    if unknown:
        raise ValueError(f"done tickets not in the plan: {unknown}")
    return tuple(t for t in tickets if t.key not in done)


# --8<-- [start:risk]
CARRIER = Ticket("CARRIER", "carrier approves our SMS sender", 5, 10, 20)
ROLLOUT = "NOTIF-109"  # cannot start before the carrier approves


def with_approval(tickets: Sequence[Ticket], legal_signs_in: float) -> Plan:
    """The rollout waits for the approval, which starts when legal signs."""
    work = tuple(t for t in tickets if t.key != ROLLOUT)
    then = tuple(t for t in tickets if t.key == ROLLOUT)
    return Plan(work=work, wait=CARRIER, wait_starts=legal_signs_in, then=then)


# --8<-- [end:risk]


# --8<-- [start:update]
def status_update(done: Mapping[str, float], elapsed: float) -> list[str]:
    left = remaining(SMS_CHANNEL, done)
    planned = {t.key: t.likely for t in SMS_CHANNEL}
    was = forecast(Plan(work=SMS_CHANNEL), elapsed=0)
    now = forecast(Plan(work=left), elapsed)

    def signs(days_from_now: float) -> str:  # the working day legal signs on
        return f"{finish_date(START, elapsed + days_from_now + 1):%a %m-%d}"

    without_quiet_hours = [t for t in left if t.key != "NOTIF-105"]
    options = {
        f"A. legal signs {signs(0)}": with_approval(left, legal_signs_in=0),
        f"B. legal signs {signs(5)} (review)": with_approval(left, legal_signs_in=5),
        "C. B, and quiet hours cut from v1": with_approval(without_quiet_hours, 5),
    }
    a, b, _ = priced = [forecast(plan, elapsed) for plan in options.values()]
    return [
        f"SMS channel: status on {finish_date(START, elapsed):%a %Y-%m-%d}, "
        f"after {elapsed:g} working days",
        f"At risk: P85 moves from {was.p85:%a %m-%d} to {b.p85:%a %m-%d} unless legal",
        f"signs the SMS opt-in text by {signs(0)} (then P85 is {a.p85:%a %m-%d}).",
        "Done: "
        + ", ".join(f"{k} ({v:g} d, planned {planned[k]:g})" for k, v in done.items()),
        f"Next: {left[0].key}, {left[1].key}",
        f"Forecast, engineering alone: {now}",
        f"Forecast on {START:%a %m-%d}:       {was}",
        "New risk: the carrier must approve our SMS sender before rollout",
        f"({CARRIER.best:g} to {CARRIER.worst:g} working days); it starts when legal signs.",
        "Options:",
        *(
            f"  {label:<34}{dates}"
            for label, dates in zip(options, priced, strict=True)
        ),
        f"Ask: legal sign-off by {signs(0)} (option A).",
    ]


# --8<-- [end:update]

# --8<-- [start:demo]
if __name__ == "__main__":
    for line in status_update({"NOTIF-101": 3.5, "NOTIF-102": 1.5}, elapsed=5):
        print(line)
        #> SMS channel: status on Fri 2025-03-07, after 5 working days
        #> At risk: P85 moves from Wed 03-26 to Tue 04-08 unless legal
        #> signs the SMS opt-in text by Mon 03-10 (then P85 is Tue 04-01).
        #> Done: NOTIF-101 (3.5 d, planned 2), NOTIF-102 (1.5 d, planned 1.5)
        #> Next: NOTIF-103, NOTIF-104
        #> Forecast, engineering alone: P50 Tue 03-25, P85 Thu 03-27
        #> Forecast on Mon 03-03:       P50 Mon 03-24, P85 Wed 03-26
        #> New risk: the carrier must approve our SMS sender before rollout
        #> (5 to 20 working days); it starts when legal signs.
        #> Options:
        #>   A. legal signs Mon 03-10          P50 Thu 03-27, P85 Tue 04-01
        #>   B. legal signs Mon 03-17 (review) P50 Thu 04-03, P85 Tue 04-08
        #>   C. B, and quiet hours cut from v1 P50 Thu 04-03, P85 Tue 04-08
        #> Ask: legal sign-off by Mon 03-10 (option A).
# --8<-- [end:demo]
