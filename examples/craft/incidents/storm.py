"""A retry storm, reproduced: a 30-second provider outage that outlasts itself.

The SMS worker from the role guide sends one-time login codes and retries
failures on its SMS policy (examples/role/retry_storm_jitter.py's
`retry_times`). This model runs it second by second against a provider with a
fixed capacity, and writes the event log a real system and its responders
would: the provider's status changes, the worker's failures starting and
stopping, the burn-rate page (examples/observability/slo_alerts.py), and
what the on-call engineers did, scripted as steps after the page.

The model's one hard rule: in a second when the attempts exceed the
provider's capacity, every attempt of that second fails. The provider queues
in arrival order, so past capacity every answer comes after the worker's
timeout (goodput collapse). Everything else is counted, not assumed.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import numpy as np

from examples.craft.incidents.timeline import Kind, LogEvent, MinuteCounts
from examples.observability.slo_alerts import WORKBOOK_RULES, RequestLog
from examples.reliability.retries import RetryBudget
from examples.role.notification_retry_schedule import POLICIES
from examples.role.retry_storm_jitter import retry_times

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday morning; fictional
SMS = POLICIES["sms_otp"]
SLO = 0.999  # of OTP deliveries in a 30-day window
PAGE_RULE = WORKBOOK_RULES[0]  # page: 2% of the budget in 1 h, 5-min check


# --8<-- [start:scenario]
class Action(StrEnum):
    JITTER_ON = "jitter_on"  # new deliveries draw jittered retry schedules
    PAUSE_RETRIES = "pause_retries"  # kill switch: waiting retries go to the DLQ


@dataclass(frozen=True)
class Step:
    """Something a responder does, `after_page_s` seconds after the page."""

    after_page_s: int
    source: str
    kind: Kind
    detail: str
    action: Action | None = None


@dataclass(frozen=True)
class Scenario:
    new_per_s: int = 50  # first attempts: OTP deliveries a second
    capacity_per_s: int = 150  # the provider's; 3x normal load
    outage_at_s: int = 120  # the trigger: every call fails for outage_s
    outage_s: int = 30
    run_minutes: int = 45
    jitter: bool = False  # jittered retries from the start
    retry_budget: float | None = None  # retries at most this share of requests
    steps: tuple[Step, ...] = ()
    quiet_before_resolve_s: int = 600  # the IC's rule for calling it resolved
    seed: int = 7

    def __post_init__(self) -> None:
        if self.new_per_s < 1 or self.capacity_per_s < self.new_per_s:
            raise ValueError("need new_per_s >= 1 and capacity_per_s >= new_per_s")
        if self.outage_at_s < 0 or self.outage_s < 0 or self.run_minutes < 1:
            raise ValueError("outage and run lengths must not be negative")
        if self.retry_budget is not None and not 0 < self.retry_budget <= 1:
            raise ValueError("retry_budget is a share of requests, in (0, 1]")


# --8<-- [end:scenario]


@dataclass(frozen=True)
class _Due:
    """`count` deliveries that share a start and a retry schedule."""

    first_s: int
    times: tuple[float, ...] | None  # retry moments; drawn when the first fails
    retries_done: int
    count: int


@dataclass(frozen=True)
class Run:
    events: list[LogEvent]
    minutes: list[MinuteCounts]


# --8<-- [start:simulate]
def simulate(s: Scenario) -> Run:
    """Play the scenario one second at a time and return its log."""
    rng = random.Random(s.seed)
    plain = tuple(retry_times(SMS, None))  # 1, 3, 7 and 15 s after the first
    # One bucket for the whole fleet, as if the workers shared their budget.
    budget = None if s.retry_budget is None else RetryBudget(ratio=s.retry_budget)
    due: defaultdict[int, list[_Due]] = defaultdict(list)
    events: list[LogEvent] = []
    minutes: list[MinuteCounts] = []
    finished: list[int] = []  # per minute, for the alert rule
    errors: list[int] = []
    jitter, paused, failing, paging = s.jitter, False, False, False
    page_at = last_bad = None
    declared = resolved = False
    delivered_m = failed_m = attempts_m = peak_m = 0

    def log(t: int, source: str, kind: Kind, detail: str) -> None:
        events.append(LogEvent(START + timedelta(seconds=t), source, kind, detail))

    for t in range(s.run_minutes * 60):
        if t == s.outage_at_s:
            log(t, "provider", Kind.TRIGGER_START, "connections reset (status page)")
        if t == s.outage_at_s + s.outage_s:
            log(t, "provider", Kind.TRIGGER_END, "serving again (status page)")
        dead = 0  # deliveries given up on this second: the user gets no code
        for step in s.steps:
            if page_at is not None and t == page_at + step.after_page_s:
                log(t, step.source, step.kind, step.detail)
                declared = declared or step.kind is Kind.DECLARED
                if step.action is Action.JITTER_ON:
                    jitter = True
                elif step.action is Action.PAUSE_RETRIES:
                    paused = True
                    dead += sum(d.count for ds in due.values() for d in ds)
                    due.clear()
        quiet_for = -1 if last_bad is None else t - (last_bad + 1)
        done = resolved or paging or failing
        if declared and not done and quiet_for >= s.quiet_before_resolve_s:
            resolved = True
            log(t, "ic", Kind.RESOLVED, f"{quiet_for // 60} quiet min, page clear")

        # --8<-- [start:rule]
        batch = [_Due(t, None, 0, s.new_per_s), *due.pop(t, [])]
        if budget is not None:
            for _ in range(s.new_per_s):
                budget.on_request()
        offered = sum(d.count for d in batch)
        down = s.outage_at_s <= t < s.outage_at_s + s.outage_s
        ok = not down and offered <= s.capacity_per_s
        failed = [] if ok else batch  # past capacity, every attempt fails
        if not paused and jitter:  # each failed first attempt draws its own waits
            firsts = [d for d in failed if d.times is None]
            failed = [d for d in failed if d.times is not None] + [
                _Due(d.first_s, tuple(retry_times(SMS, rng)), 0, 1)
                for d in firsts
                for _ in range(d.count)
            ]
        for d in failed:
            times = plain if d.times is None else d.times
            if paused or d.retries_done == len(times):
                dead += d.count
                continue
            retrying = d.count
            if budget is not None:
                retrying = sum(budget.try_spend() for _ in range(d.count))
                dead += d.count - retrying
            if retrying:
                at = max(t + 1, d.first_s + math.floor(times[d.retries_done]))
                due[at].append(_Due(d.first_s, times, d.retries_done + 1, retrying))
        # --8<-- [end:rule]

        bad = dead > 0 or not ok
        if bad:
            last_bad = t
        if bad != failing:
            failing = bad
            kind = Kind.FAILURES_BEGIN if bad else Kind.FAILURES_END
            log(t, "sms-worker", kind, "OTPs failing" if bad else "OTPs delivered")
        delivered_m += offered if ok else 0
        failed_m += dead
        attempts_m += offered
        peak_m = max(peak_m, offered)

        if t % 60 == 59:  # a minute ends: record it and evaluate the page rule
            minutes.append(MinuteCounts(delivered_m, failed_m, attempts_m, peak_m))
            finished.append(delivered_m + failed_m)
            errors.append(failed_m)
            delivered_m = failed_m = attempts_m = peak_m = 0
            series = RequestLog(np.array(finished), np.array(errors))
            firing = bool(PAGE_RULE.firing(series, SLO)[-1])
            if firing and not paging:  # responders' steps count from the first page
                page_at = t + 1 if page_at is None else page_at
                rate = f"{PAGE_RULE.burn_rate:g}x"
                log(t + 1, "alerting", Kind.PAGE, f"OTP budget burn over {rate}")
            elif paging and not firing:
                log(t + 1, "alerting", Kind.ALERT_CLEARED, "burn rate back under")
            paging = firing
    return Run(events, minutes)


# --8<-- [end:simulate]


# --8<-- [start:incident]
INCIDENT = Scenario(
    steps=(
        Step(180, "dana", Kind.ACK, "primary on-call acknowledges"),
        Step(300, "dana", Kind.DECLARED, "SEV-2; Dana is IC until Priya joins"),
        Step(360, "lee", Kind.NOTE, "status page: SMS login codes failing"),
        Step(480, "priya", Kind.NOTE, "takes IC from Dana; Dana to ops"),
        Step(
            600, "sam", Kind.MITIGATION, "jitter on for SMS retries", Action.JITTER_ON
        ),
        Step(900, "sam", Kind.NOTE, "provider is up; our retries swamp it"),
        Step(
            1080,
            "sam",
            Kind.MITIGATION,
            "kill switch: retries paused",
            Action.PAUSE_RETRIES,
        ),
    ),
)
# --8<-- [end:incident]
