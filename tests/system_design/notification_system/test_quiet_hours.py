"""Quiet hours across midnight and across both DST transitions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from examples.system_design.notification_system.quiet_hours import next_send_time

NY = "America/New_York"
NIGHT = (time(22, 0), time(7, 0))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2025, 6, 2, 1, 59), utc(2025, 6, 2, 1, 59)),  # 21:59 EDT: before it
        (utc(2025, 6, 2, 2, 0), utc(2025, 6, 2, 11, 0)),  # 22:00 EDT: starts
        (utc(2025, 6, 2, 10, 59), utc(2025, 6, 2, 11, 0)),  # 06:59 EDT
        (utc(2025, 6, 2, 11, 0), utc(2025, 6, 2, 11, 0)),  # 07:00 EDT: open again
        (utc(2025, 3, 9, 5, 0), utc(2025, 3, 9, 11, 0)),  # spring forward: 6 h night
        (utc(2025, 11, 2, 5, 0), utc(2025, 11, 2, 12, 0)),  # fall back: 07:00 EST
        (utc(2025, 11, 2, 6, 30), utc(2025, 11, 2, 12, 0)),  # the second 01:30
    ],
)
def test_the_overnight_window_in_new_york(now: datetime, expected: datetime) -> None:
    assert next_send_time(now, NY, *NIGHT) == expected


def test_a_window_ending_in_the_spring_gap_ends_after_it() -> None:
    # 02:30 does not exist on 9 March 2025 in New York; PEP 495 reads it as EST.
    when = next_send_time(utc(2025, 3, 9, 6, 45), NY, time(1, 0), time(2, 30))
    assert when == utc(2025, 3, 9, 7, 30)
    assert when.astimezone(ZoneInfo(NY)).hour == 3


def test_a_window_ending_in_the_repeated_hour_ends_at_the_first_one() -> None:
    # 01:30 happens twice on 2 November 2025; the first (EDT) is 05:30 UTC.
    assert next_send_time(utc(2025, 11, 2, 4, 15), NY, time(0, 0), time(1, 30)) == utc(
        2025, 11, 2, 5, 30
    )


def test_a_daytime_window_and_another_zone() -> None:
    now = utc(2025, 1, 15, 4, 0)  # 13:00 in Tokyo
    assert next_send_time(now, "Asia/Tokyo", time(12, 0), time(14, 0)) == utc(2025, 1, 15, 5, 0)


@given(st.datetimes(datetime(2024, 1, 1), datetime(2026, 12, 31)))
def test_the_answer_is_never_inside_the_window_and_never_early(naive: datetime) -> None:
    now = naive.replace(tzinfo=UTC)
    when = next_send_time(now, NY, *NIGHT)
    assert now <= when <= now + timedelta(hours=10)
    local = when.astimezone(ZoneInfo(NY)).time()
    assert NIGHT[1] <= local < NIGHT[0]


@pytest.mark.parametrize(
    ("now", "zone", "window", "error"),
    [
        (datetime(2025, 1, 1), NY, NIGHT, ValueError),
        (utc(2025, 1, 1), NY, (time(7), time(7)), ValueError),
        (utc(2025, 1, 1), "Mars/Olympus", NIGHT, ZoneInfoNotFoundError),
    ],
)
def test_bad_input_is_refused(now: datetime, zone: str, window: tuple, error: type) -> None:
    with pytest.raises(error):
        next_send_time(now, zone, *window)


# --- the fall-back night, against a model of the windows as UTC intervals -------


def test_the_second_pass_of_the_repeated_hour_is_inside_a_window_begun_in_the_first() -> None:
    # 01:30 EDT (05:30 UTC) opened the window; 06:10 UTC is 01:10 EST, an hour later.
    assert next_send_time(utc(2025, 11, 2, 6, 10), NY, time(1, 30), time(7, 0)) == utc(
        2025, 11, 2, 12, 0
    )


def test_a_window_that_ended_in_the_first_pass_is_not_entered_again() -> None:
    # 22:00-01:30 ended at 01:30 EDT (05:30 UTC); at 06:00 UTC (01:00 EST) send now.
    now = utc(2025, 11, 2, 6, 0)
    assert next_send_time(now, NY, time(22, 0), time(1, 30)) == now


def first_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The earliest UTC instant whose wall time in `zone` is `day` `at`, by search.

    A wall time that never happens (the spring gap) is read with the offset in
    force the day before, which is PEP 495's fold=0 rule for a gap.
    """
    wall = datetime.combine(day, at)
    hits = []
    for hours in range(-14, 15):  # every whole-hour offset a zone can have
        candidate = (wall - timedelta(hours=hours)).replace(tzinfo=UTC)
        if candidate.astimezone(zone).replace(tzinfo=None) == wall:
            hits.append(candidate)
    if hits:
        return min(hits)
    before = (wall - timedelta(days=1)).replace(tzinfo=zone).utcoffset()
    return (wall - before).replace(tzinfo=UTC)


def model_windows(now: datetime, zone: ZoneInfo, start: time, end: time) -> list:
    """The quiet windows around `now` as [start, end) UTC intervals."""
    today = now.astimezone(zone).date()
    windows = []
    for offset in (-2, -1, 0, 1):
        day = today + timedelta(days=offset)
        end_day = day if end > start else day + timedelta(days=1)
        windows.append((first_instant(day, start, zone), first_instant(end_day, end, zone)))
    return windows


minutes = st.integers(0, 24 * 60 - 1).map(lambda m: time(m // 60, m % 60))
transitions = st.sampled_from([utc(2025, 3, 9, 7, 0), utc(2025, 11, 2, 6, 0)])


@settings(max_examples=300)
@given(minutes, minutes, transitions, st.integers(-36 * 60, 36 * 60))
def test_any_window_across_either_transition_matches_the_model(
    start: time, end: time, transition: datetime, offset_min: int
) -> None:
    assume(start != end)
    zone = ZoneInfo(NY)
    now = transition + timedelta(minutes=offset_min)
    when = next_send_time(now, NY, start, end)
    assert when >= now  # never an answer in the past
    inside = [(s, e) for s, e in model_windows(now, zone, start, end) if s <= now < e]
    if inside:
        assert when == max(e for _, e in inside)
    else:
        assert when == now
