from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.observability.slo_alerts import (
    EVENTS,
    MINUTES_PER_DAY,
    PERIOD_MINUTES,
    WORKBOOK_RULES,
    Event,
    RequestLog,
    budget_spent,
    held,
    score,
    seeded_log,
    sli,
    static_firing,
    window_ratio,
)

SLO = 0.999


def noiseless(events: list[Event], per_minute: int = 1_000) -> RequestLog:
    """Exactly `per_minute` requests, no baseline errors: every number is known."""
    requests = np.full(PERIOD_MINUTES, per_minute)
    errors = np.zeros(PERIOD_MINUTES, dtype=int)
    for e in events:
        errors[e.start : e.start + e.minutes] = round(per_minute * e.error_ratio)
    return RequestLog(requests, errors)


def test_workbook_thresholds_follow_from_budget_share_and_window() -> None:
    # Workbook table: 2% of budget in 1 h -> 14.4; 5% in 6 h -> 6; 10% in 3 d -> 1.
    assert [rule.burn_rate for rule in WORKBOOK_RULES] == pytest.approx([14.4, 6, 1])
    # Each short window is 1/12 of its long window.
    assert all(r.long_minutes == 12 * r.short_minutes for r in WORKBOOK_RULES)


def test_sli_and_budget_of_a_quiet_month() -> None:
    log = noiseless([Event("steady", 0, PERIOD_MINUTES, 0.0005, True)], 10_000)
    assert sli(log) == pytest.approx(0.9995)
    assert budget_spent(log, SLO) == pytest.approx(0.5)  # half the allowed errors


def test_seeded_log_is_repeatable_and_seed_dependent() -> None:
    a, b, c = (
        seeded_log(EVENTS, seed=5),
        seeded_log(EVENTS, seed=5),
        seeded_log(EVENTS, 6),
    )
    assert np.array_equal(a.errors, b.errors) and np.array_equal(a.requests, b.requests)
    assert not np.array_equal(a.errors, c.errors)
    assert (a.errors <= a.requests).all()


@given(
    st.lists(
        st.tuples(st.integers(1, 50), st.integers(0, 50)), min_size=1, max_size=60
    ),
    st.integers(1, 20),
)
def test_window_ratio_matches_a_brute_force_sum(minutes, window) -> None:
    requests = np.array([r for r, _ in minutes])
    errors = np.minimum(np.array([e for _, e in minutes]), requests)
    got = window_ratio(RequestLog(requests, errors), window)
    for t in range(len(minutes)):
        lo = max(0, t + 1 - window)
        expected = errors[lo : t + 1].sum() / requests[lo : t + 1].sum()
        assert math.isclose(got[t], expected)


def test_page_rule_catches_an_outage_after_the_predicted_minutes() -> None:
    outage = Event("outage", 10 * MINUTES_PER_DAY, 45, 0.10, True)
    firing = WORKBOOK_RULES[0].firing(noiseless([outage]), SLO)
    # 1 h window needs 14.4 * 0.1% * 60,000 = 864 errors: 100 a minute -> the 9th.
    assert score(firing, [outage]).detected_after == {"outage": 8}


def test_page_rules_ignore_a_blip_that_a_static_threshold_pages_for() -> None:
    blip = Event("blip", 3 * MINUTES_PER_DAY, 5, 0.05, False)
    log = noiseless([blip])
    assert not WORKBOOK_RULES[0].firing(log, SLO).any()
    assert not WORKBOOK_RULES[1].firing(log, SLO).any()
    assert score(static_firing(log, 0.01), [blip]).false_alarms == 1


def test_only_the_ticket_rule_sees_a_slow_leak_and_after_18_hours() -> None:
    leak = Event("leak", 20 * MINUTES_PER_DAY, 4 * MINUTES_PER_DAY, 0.004, True)
    log = noiseless([leak])
    assert not (
        WORKBOOK_RULES[0].firing(log, SLO) | WORKBOOK_RULES[1].firing(log, SLO)
    ).any()
    # 3 d window: 4 errors a minute must pass 0.1% of 4,320,000 requests: minute 1,081.
    assert score(WORKBOOK_RULES[2].firing(log, SLO), [leak]).detected_after == {
        "leak": 1080
    }
    assert not static_firing(log, 0.01).any()


def test_the_short_window_ends_the_page_soon_after_recovery() -> None:
    outage = Event("outage", 10 * MINUTES_PER_DAY, 30, 0.5, True)
    firing = WORKBOOK_RULES[0].firing(noiseless([outage]), SLO)
    first_clean_minute = outage.start + outage.minutes
    # The 1 h window stays hot for an hour; the 5 m one clears as soon as it
    # holds no bad minute, so the page stops 4 evaluations after the fix.
    assert np.flatnonzero(firing)[-1] == first_clean_minute + 3


def test_score_counts_detections_noise_and_repeat_pages() -> None:
    events = [Event("real", 100, 10, 0.1, True), Event("blip", 300, 2, 0.1, False)]
    firing = np.zeros(1_000, dtype=bool)
    firing[[103, 104, 108, 301, 900]] = (
        True  # 103-104 and 108: two episodes, same event
    )
    result = score(firing, events)
    assert result.detected_after == {"real": 3, "blip": None}
    assert result.false_alarms == 2  # the blip page and the one at minute 900


def test_score_reports_a_miss() -> None:
    events = [Event("real", 100, 10, 0.1, True)]
    assert score(np.zeros(500, dtype=bool), events).detected_after == {"real": None}


def test_held_is_prometheus_for_fire_on_the_evaluation_after_the_wait() -> None:
    condition = np.array([0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0], dtype=bool)
    # for: 3m -> the condition must still hold 3 minutes after it first did.
    assert held(condition, 3).nonzero()[0].tolist() == [8, 9]
    assert not held(condition, 5).any()
    assert np.array_equal(held(condition, 0), condition)


@given(st.lists(st.booleans(), max_size=80), st.integers(0, 10))
def test_held_matches_a_brute_force_run_count(values, minutes) -> None:
    condition = np.array(values, dtype=bool)
    expected = [
        all(values[max(0, t - minutes) : t + 1]) and t >= minutes
        for t in range(len(values))
    ]
    assert held(condition, minutes).tolist() == expected


def test_a_for_clause_keeps_a_bad_deploy_but_not_a_blip_from_paging() -> None:
    blip = Event("blip", 3 * MINUTES_PER_DAY, 5, 0.05, False)
    deploy = Event("deploy", 8 * MINUTES_PER_DAY, 20, 0.005, False)
    log = noiseless([blip, deploy])
    firing = held(static_firing(log, 0.001), 10)
    assert score(firing, [blip, deploy]).false_alarms == 1  # the deploy
    pages = WORKBOOK_RULES[0].firing(log, SLO) | WORKBOOK_RULES[1].firing(log, SLO)
    assert not pages.any()


def test_score_counts_every_episode_and_when_the_alert_cleared() -> None:
    events = [Event("real", 100, 10, 0.1, True)]
    firing = np.zeros(1_000, dtype=bool)
    firing[[103, 104, 108, 109, 110, 111, 900]] = True
    result = score(firing, events)
    assert result.episodes == 3
    assert result.false_alarms == 1
    # The last episode for the event ends at minute 111; the event at 110.
    assert result.cleared_after == {"real": 2}
