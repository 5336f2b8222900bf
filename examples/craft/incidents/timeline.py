"""From an incident's event log to its timeline, durations and impact.

The log is what the system and the responders wrote while it happened: one
JSON object a line, with a UTC timestamp, a source, a kind and a detail. The
timeline keeps the moments a post-mortem needs (failures began, the page, the
acknowledgment, each mitigation, failures ended, resolution) and computes the
durations between them. The impact summary turns per-minute delivery counts
into failed deliveries and error-budget minutes against a stated SLO.

Both refuse a log they cannot trust: events out of order, a page before any
failure, an incident with no resolution. A wrong timeline is worse than none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from itertools import pairwise


# --8<-- [start:log]
class Kind(StrEnum):
    TRIGGER_START = "trigger_start"  # what set it off (learned later)
    TRIGGER_END = "trigger_end"
    FAILURES_BEGIN = "failures_begin"  # first second with failed deliveries
    FAILURES_END = "failures_end"  # first clean second after failures
    PAGE = "page"
    ACK = "ack"
    DECLARED = "declared"  # severity and roles
    MITIGATION = "mitigation"
    NOTE = "note"  # diagnosis, handoffs, status updates
    ALERT_CLEARED = "alert_cleared"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class LogEvent:
    at: datetime  # timezone-aware, UTC
    source: str
    kind: Kind
    detail: str

    def to_json(self) -> str:
        at = self.at.astimezone(UTC).isoformat().replace("+00:00", "Z")
        fields = {"at": at, "source": self.source, "kind": self.kind.value}
        return json.dumps({**fields, "detail": self.detail})


def read_log(lines: Iterable[str]) -> list[LogEvent]:
    """Parse JSON lines; a bad line fails with its line number, never skipped."""
    events = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            at = datetime.fromisoformat(record["at"])
            kind = Kind(record["kind"])
            source, detail = str(record["source"]), str(record["detail"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"log line {number}: {error!r}") from error
        if at.tzinfo is None:
            raise ValueError(f"log line {number}: timestamp has no time zone")
        events.append(LogEvent(at.astimezone(UTC), source, kind, detail))
    return events


# --8<-- [end:log]


class IncidentOpen(ValueError):
    """The log does not show the incident ending: no timeline can be final."""


# --8<-- [start:timeline]
@dataclass(frozen=True)
class Timeline:
    events: tuple[LogEvent, ...]
    failures_began: datetime
    detected: datetime  # the first page
    acknowledged: datetime
    mitigated: datetime  # failures ended for good
    resolved: datetime
    fix: LogEvent | None  # the last mitigation before failures ended

    @property
    def time_to_detect(self) -> timedelta:
        return self.detected - self.failures_began

    @property
    def time_to_acknowledge(self) -> timedelta:
        return self.acknowledged - self.detected

    @property
    def time_to_mitigate(self) -> timedelta:
        return self.mitigated - self.failures_began

    @property
    def time_to_resolve(self) -> timedelta:
        return self.resolved - self.failures_began


def build_timeline(events: Sequence[LogEvent]) -> Timeline:
    """Check the log's order and completeness, then find the moments."""
    if not events:
        raise ValueError("the log is empty")
    for before, after in pairwise(events):
        if after.at < before.at:
            raise ValueError(
                f"out of order: {after.kind} at {after.at:%H:%M:%S} comes after "
                f"{before.kind} at {before.at:%H:%M:%S}; sort by time or fix the clock"
            )

    def first(kind: Kind) -> LogEvent:
        found = next((e for e in events if e.kind is kind), None)
        if found is None and kind is Kind.RESOLVED:
            raise IncidentOpen("no resolved event: the incident is still open")
        if found is None:
            raise ValueError(f"the log has no {kind} event")
        return found

    began = first(Kind.FAILURES_BEGIN)
    last_begin = max(e.at for e in events if e.kind is Kind.FAILURES_BEGIN)
    ends = [e.at for e in events if e.kind is Kind.FAILURES_END and e.at > last_begin]
    if not ends:
        raise IncidentOpen("failures began and never ended")
    resolved, page, ack = first(Kind.RESOLVED), first(Kind.PAGE), first(Kind.ACK)
    if page.at < began.at:
        raise ValueError("the page comes before any failure: is it this incident's?")
    if ack.at < page.at:
        raise ValueError("acknowledged before the page")
    if resolved.at < ends[0]:
        raise ValueError("resolved while deliveries were still failing")
    fixes = [e for e in events if e.kind is Kind.MITIGATION and e.at <= ends[0]]
    fix = fixes[-1] if fixes else None
    return Timeline(tuple(events), began.at, page.at, ack.at, ends[0], resolved.at, fix)


# --8<-- [end:timeline]


# --8<-- [start:impact]
@dataclass(frozen=True)
class MinuteCounts:
    delivered: int
    failed: int  # dead-lettered: that user never got the code
    attempts: int  # provider calls, first attempts and retries
    peak_attempts_per_s: int

    def __post_init__(self) -> None:
        if min(self.delivered, self.failed, self.attempts) < 0:
            raise ValueError("counts cannot be negative")


@dataclass(frozen=True)
class Impact:
    failed: int
    budget_allowed: float  # failures the SLO allows in its window at normal traffic
    budget_share: float  # of that allowance, spent here
    budget_minutes: float  # the same share of the window's full-outage minutes
    budget_minutes_allowed: float  # (1 - slo) of the window: 43.2 at 99.9%, 30 days
    peak_attempts_per_s: int


def impact(
    minutes: Sequence[MinuteCounts],
    slo: float,
    normal_per_minute: int,
    window_days: int = 30,
) -> Impact:
    """Failed deliveries and the error budget they spent.

    The budget is request-based: (1 - slo) of a window of normal traffic may
    fail. Expressed in minutes it is what a full outage at normal traffic
    would spend: 43.2 minutes a month at 99.9%.
    """
    if not minutes:
        raise ValueError("no minutes to summarize")
    if not 0 < slo < 1:
        raise ValueError(f"slo must be between 0 and 1, got {slo}")
    if normal_per_minute < 1 or window_days < 1:
        raise ValueError("normal_per_minute and window_days must be at least 1")
    window_minutes = window_days * 24 * 60
    allowed = (1 - slo) * normal_per_minute * window_minutes
    failed = sum(m.failed for m in minutes)
    share = failed / allowed
    allowed_minutes = (1 - slo) * window_minutes
    peak = max(m.peak_attempts_per_s for m in minutes)
    return Impact(
        failed, allowed, share, share * allowed_minutes, allowed_minutes, peak
    )


# --8<-- [end:impact]


def clock(at: datetime) -> str:
    return f"{at:%H:%M:%S}"


def duration(span: timedelta) -> str:
    minutes, seconds = divmod(int(span.total_seconds()), 60)
    return f"{minutes} min {seconds:02d} s"


def render(timeline: Timeline) -> list[str]:
    """One line an event, as the post-mortem's timeline table shows them."""
    return [
        f"{clock(e.at)} {e.source:<10} {e.kind:<14} {e.detail}" for e in timeline.events
    ]
