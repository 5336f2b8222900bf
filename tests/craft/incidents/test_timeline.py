"""The timeline refuses logs it cannot trust and times the ones it can."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.craft.incidents.timeline import (
    IncidentOpen,
    Kind,
    LogEvent,
    MinuteCounts,
    build_timeline,
    duration,
    impact,
    read_log,
    render,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def at(seconds: int, kind: Kind, detail: str = "") -> LogEvent:
    return LogEvent(T0 + timedelta(seconds=seconds), "test", kind, detail or kind.value)


GOOD = [
    at(0, Kind.FAILURES_BEGIN),
    at(60, Kind.PAGE),
    at(240, Kind.ACK),
    at(600, Kind.MITIGATION, "roll back"),
    at(601, Kind.FAILURES_END),
    at(1200, Kind.RESOLVED),
]


def test_durations_are_measured_from_the_first_failure() -> None:
    timeline = build_timeline(GOOD)
    assert timeline.time_to_detect == timedelta(seconds=60)
    assert timeline.time_to_acknowledge == timedelta(seconds=180)
    assert timeline.time_to_mitigate == timedelta(seconds=601)
    assert timeline.time_to_resolve == timedelta(seconds=1200)
    assert timeline.fix is not None and timeline.fix.detail == "roll back"


def test_the_fix_is_the_last_mitigation_before_failures_ended() -> None:
    log = [*GOOD[:3], at(300, Kind.MITIGATION, "restart"), *GOOD[3:]]
    log.append(at(1300, Kind.MITIGATION, "cleanup after"))
    assert build_timeline(log).fix.detail == "roll back"  # type: ignore[union-attr]


def test_failures_that_end_on_their_own_have_no_fix() -> None:
    log = [e for e in GOOD if e.kind is not Kind.MITIGATION]
    assert build_timeline(log).fix is None


def test_a_flapping_incident_is_mitigated_when_failures_end_for_good() -> None:
    log = [
        at(0, Kind.FAILURES_BEGIN),
        at(60, Kind.PAGE),
        at(90, Kind.ACK),
        at(100, Kind.FAILURES_END),
        at(130, Kind.FAILURES_BEGIN),
        at(400, Kind.FAILURES_END),
        at(1000, Kind.RESOLVED),
    ]
    assert build_timeline(log).time_to_mitigate == timedelta(seconds=400)


def test_an_event_out_of_order_is_refused_not_sorted() -> None:
    log = [GOOD[0], GOOD[2], GOOD[1], *GOOD[3:]]
    with pytest.raises(
        ValueError, match="out of order: page at 09:01:00 comes after ack"
    ):
        build_timeline(log)


def test_a_log_without_a_resolution_is_still_open() -> None:
    with pytest.raises(IncidentOpen, match="still open"):
        build_timeline(GOOD[:-1])


def test_failures_that_never_ended_are_still_open() -> None:
    log = [*GOOD[:3], at(900, Kind.FAILURES_BEGIN), at(1200, Kind.RESOLVED)]
    with pytest.raises(IncidentOpen, match="never ended"):
        build_timeline(log)


@pytest.mark.parametrize("missing", [Kind.FAILURES_BEGIN, Kind.PAGE, Kind.ACK])
def test_a_missing_moment_is_named(missing: Kind) -> None:
    log = [e for e in GOOD if e.kind is not missing]
    with pytest.raises(ValueError, match=f"no {missing} event"):
        build_timeline(log)


def test_an_empty_log_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        build_timeline([])


@pytest.mark.parametrize(
    ("log", "message"),
    [
        (
            [
                at(0, Kind.PAGE),
                at(10, Kind.FAILURES_BEGIN),
                at(60, Kind.ACK),
                *GOOD[4:],
            ],
            "page comes before any failure",
        ),
        ([GOOD[0], at(30, Kind.ACK), *GOOD[1:]], "acknowledged before the page"),
        (
            [*GOOD[:3], at(500, Kind.RESOLVED), at(601, Kind.FAILURES_END)],
            "resolved while deliveries were still failing",
        ),
    ],
)
def test_impossible_orders_are_refused(log: list[LogEvent], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_timeline(log)


def test_the_log_round_trips_through_json_lines() -> None:
    lines = [event.to_json() for event in GOOD]
    assert json.loads(lines[0])["at"] == "2025-03-03T09:00:00Z"
    assert read_log(["", *lines, "  "]) == GOOD


def test_read_log_converts_offsets_to_utc() -> None:
    line = json.dumps(
        {"at": "2025-03-03T10:00:00+01:00", "source": "s", "kind": "page", "detail": ""}
    )
    assert read_log([line])[0].at == T0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "JSONDecodeError"),
        ('{"at": "2025-03-03T09:00:00Z", "kind": "page", "detail": ""}', "source"),
        (
            '{"at": "2025-03-03T09:00:00Z", "source": "s", "kind": "pager", "detail": ""}',
            "pager",
        ),
        (
            '{"at": "yesterday", "source": "s", "kind": "page", "detail": ""}',
            "yesterday",
        ),
        (
            '{"at": "2025-03-03T09:00:00", "source": "s", "kind": "page", "detail": ""}',
            "no time zone",
        ),
        ("[1, 2]", "TypeError"),
    ],
)
def test_a_bad_line_fails_with_its_number(line: str, message: str) -> None:
    with pytest.raises(ValueError, match="log line 2") as error:
        read_log([GOOD[0].to_json(), line])
    assert message in str(error.value)


@given(
    detect=st.integers(0, 3600),
    ack=st.integers(0, 3600),
    fix=st.integers(1, 7200),
    quiet=st.integers(0, 3600),
)
def test_durations_are_the_gaps_between_the_events(
    detect: int, ack: int, fix: int, quiet: int
) -> None:
    mitigated = max(fix, detect + ack)
    log = [
        at(0, Kind.FAILURES_BEGIN),
        at(detect, Kind.PAGE),
        at(detect + ack, Kind.ACK),
        at(mitigated, Kind.FAILURES_END),
        at(mitigated + quiet, Kind.RESOLVED),
    ]
    timeline = build_timeline(log)
    assert timeline.time_to_detect.total_seconds() == detect
    assert timeline.time_to_acknowledge.total_seconds() == ack
    assert timeline.time_to_mitigate.total_seconds() == mitigated
    assert timeline.time_to_resolve.total_seconds() == mitigated + quiet


@given(st.permutations(GOOD))
def test_any_unsorted_order_is_refused(log: list[LogEvent]) -> None:
    if log == GOOD:
        assert build_timeline(log).events == tuple(GOOD)
    else:
        with pytest.raises(ValueError, match="out of order"):
            build_timeline(log)


def test_render_shows_one_line_an_event() -> None:
    lines = render(build_timeline(GOOD))
    assert lines[1] == "09:01:00 test       page           page"
    assert len(lines) == len(GOOD)


def test_duration_reads_minutes_and_seconds() -> None:
    assert duration(timedelta(minutes=19, seconds=1)) == "19 min 01 s"


def minutes_of(failed: list[int], per_minute: int = 1_000) -> list[MinuteCounts]:
    return [
        MinuteCounts(per_minute - f, f, per_minute, per_minute // 60) for f in failed
    ]


def test_a_full_outage_of_43_2_minutes_spends_a_99_9_month() -> None:
    # 43 full minutes and a fifth: 43,200 failures of 1,000 a minute.
    hit = impact(minutes_of([1_000] * 43 + [200]), slo=0.999, normal_per_minute=1_000)
    assert hit.failed == 43_200
    assert hit.budget_allowed == pytest.approx(43_200)
    assert hit.budget_share == pytest.approx(1.0)
    assert hit.budget_minutes == pytest.approx(43.2)


def test_budget_minutes_scale_with_the_slo_and_the_window() -> None:
    hit = impact(minutes_of([500]), slo=0.99, normal_per_minute=1_000, window_days=7)
    assert hit.budget_allowed == pytest.approx(0.01 * 1_000 * 7 * 24 * 60)
    assert hit.budget_minutes == pytest.approx(0.5)  # half a minute of full outage


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"slo": 1.0}, "between 0 and 1"),
        ({"slo": 0.0}, "between 0 and 1"),
        ({"normal_per_minute": 0}, "at least 1"),
        ({"window_days": 0}, "at least 1"),
    ],
)
def test_impact_refuses_bad_parameters(kwargs: dict[str, float], message: str) -> None:
    arguments = {"slo": 0.999, "normal_per_minute": 1_000, **kwargs}
    with pytest.raises(ValueError, match=message):
        impact(minutes_of([1]), **arguments)  # type: ignore[arg-type]


def test_impact_needs_minutes() -> None:
    with pytest.raises(ValueError, match="no minutes"):
        impact([], slo=0.999, normal_per_minute=1_000)


def test_counts_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        MinuteCounts(delivered=10, failed=-1, attempts=10, peak_attempts_per_s=1)


def test_a_99_9_month_allows_43_2_minutes_of_full_outage() -> None:
    hit = impact(minutes_of([0]), slo=0.999, normal_per_minute=1_000)
    assert hit.budget_minutes_allowed == pytest.approx(43.2)
    assert hit.budget_minutes == 0
