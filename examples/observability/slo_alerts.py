"""An availability SLO from a per-minute request log: SLI, error budget, alerts.

The log is seeded: a quiet baseline plus three events with known start times,
so every alert can be scored. Multi-window burn-rate rules follow the
thresholds of the Google SRE Workbook's "Alerting on SLOs"; the static rules
are the thresholds people set by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MINUTES_PER_DAY = 24 * 60
PERIOD_MINUTES = 30 * MINUTES_PER_DAY  # the SLO's rolling 30-day window


# --8<-- [start:log]
@dataclass(frozen=True)
class Event:
    name: str
    start: int  # minute of the log
    minutes: int
    error_ratio: float
    worth_a_page: bool  # should anyone be woken (or ticketed) for this?


@dataclass(frozen=True)
class RequestLog:
    requests: np.ndarray  # per minute
    errors: np.ndarray  # per minute: 5xx and timeouts, the "bad" events


def seeded_log(
    events: list[Event], seed: int = 1, per_minute: int = 1_000
) -> RequestLog:
    """30 days of traffic at a 0.02% baseline error ratio, plus `events`."""
    rng = np.random.default_rng(seed)
    requests = rng.poisson(per_minute, PERIOD_MINUTES)
    ratio = np.full(PERIOD_MINUTES, 0.0002)
    for event in events:
        ratio[event.start : event.start + event.minutes] = event.error_ratio
    return RequestLog(requests, rng.binomial(requests, ratio))


EVENTS = [
    Event("blip", 5 * MINUTES_PER_DAY, 5, 0.05, worth_a_page=False),
    # A bad deploy rolled back after 20 minutes: 0.2% of the budget, no page.
    Event("bad deploy", 8 * MINUTES_PER_DAY, 20, 0.005, worth_a_page=False),
    Event("outage", 12 * MINUTES_PER_DAY, 45, 0.10, worth_a_page=True),
    Event("slow leak", 20 * MINUTES_PER_DAY, 4 * MINUTES_PER_DAY, 0.004, True),
]
# --8<-- [end:log]


# --8<-- [start:budget]
def sli(log: RequestLog) -> float:
    """The share of good requests over the whole log."""
    return 1 - log.errors.sum() / log.requests.sum()


def budget_spent(log: RequestLog, slo: float) -> float:
    """Errors so far as a share of the errors the SLO allows over this traffic."""
    allowed = (1 - slo) * log.requests.sum()
    return log.errors.sum() / allowed


# --8<-- [end:budget]


# --8<-- [start:burn]
def window_ratio(log: RequestLog, minutes: int) -> np.ndarray:
    """Error ratio over the trailing `minutes`, evaluated at the end of every minute."""

    def trailing(values: np.ndarray) -> np.ndarray:
        total = np.concatenate([[0], np.cumsum(values)])
        ends = np.arange(1, len(values) + 1)
        return total[ends] - total[np.maximum(ends - minutes, 0)]

    return trailing(log.errors) / np.maximum(trailing(log.requests), 1)


@dataclass(frozen=True)
class BurnRateRule:
    """Fire when both windows burn budget faster than `burn_rate` times the
    sustainable pace (1.0 spends exactly the whole budget in 30 days)."""

    name: str
    budget_share: float  # of the 30-day budget, spent within the long window
    long_minutes: int
    short_minutes: int  # 1/12 of the long one: the alert stops soon after a fix

    @property
    def burn_rate(self) -> float:
        return self.budget_share * PERIOD_MINUTES / self.long_minutes

    def firing(self, log: RequestLog, slo: float) -> np.ndarray:
        limit = self.burn_rate * (1 - slo)
        long_ok = window_ratio(log, self.long_minutes) > limit
        return long_ok & (window_ratio(log, self.short_minutes) > limit)


WORKBOOK_RULES = [
    BurnRateRule("page: 2% in 1h", 0.02, 60, 5),
    BurnRateRule("page: 5% in 6h", 0.05, 6 * 60, 30),
    BurnRateRule("ticket: 10% in 3d", 0.10, 3 * MINUTES_PER_DAY, 6 * 60),
]
# --8<-- [end:burn]


# --8<-- [start:static]
def static_firing(log: RequestLog, threshold: float, minutes: int = 5) -> np.ndarray:
    """The hand-set rule: error ratio over the last `minutes` above `threshold`."""
    return window_ratio(log, minutes) > threshold


def held(condition: np.ndarray, minutes: int) -> np.ndarray:
    """Prometheus's `for: <minutes>m`, evaluated once a minute: fire only once the
    condition has stayed true for that long, i.e. on its (minutes + 1)-th run."""
    true = condition.astype(int)
    runs = np.cumsum(true)
    # Subtract the running total at the last false minute: the current run.
    run_length = runs - np.maximum.accumulate(np.where(true == 0, runs, 0))
    return run_length > minutes


# --8<-- [end:static]


# --8<-- [start:score]
@dataclass(frozen=True)
class Score:
    detected_after: dict[str, int | None]  # event name -> minutes to first alert
    cleared_after: dict[str, int | None]  # minutes from the event's end to quiet
    false_alarms: int  # alert episodes for nothing, or for what was not worth it
    episodes: int  # every alert episode, repeats during one event included


def score(firing: np.ndarray, events: list[Event], grace: int = 60) -> Score:
    """Split `firing` into episodes and charge each to the event it belongs to."""
    steps = np.diff(np.concatenate([[0], firing.astype(int), [0]]))
    starts, ends = np.flatnonzero(steps == 1), np.flatnonzero(steps == -1)
    detected: dict[str, int | None] = {event.name: None for event in events}
    cleared: dict[str, int | None] = {event.name: None for event in events}
    false_alarms = 0
    for start, end in zip(starts, ends, strict=True):
        owner = next(
            (e for e in events if e.start <= start < e.start + e.minutes + grace), None
        )
        if owner is None or not owner.worth_a_page:
            false_alarms += 1
            continue
        if detected[owner.name] is None:
            detected[owner.name] = int(start - owner.start)
        cleared[owner.name] = max(0, int(end - owner.start - owner.minutes))
    return Score(detected, cleared, false_alarms, len(starts))


# --8<-- [end:score]
