"""Behavior of the retry-storm model: what sustains it, and what ends it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from examples.craft.incidents.storm import (
    INCIDENT,
    START,
    Action,
    Run,
    Scenario,
    Step,
    simulate,
)
from examples.craft.incidents.timeline import IncidentOpen, Kind, build_timeline, impact

QUIET = replace(INCIDENT, steps=(), run_minutes=10)  # the trigger, nobody responding


@pytest.fixture(scope="module")
def incident() -> Run:
    return simulate(INCIDENT)


def times(run: Run, kind: Kind) -> list[int]:
    return [int((e.at - START).total_seconds()) for e in run.events if e.kind is kind]


def created(scenario: Scenario) -> int:
    return scenario.new_per_s * scenario.run_minutes * 60


def test_without_a_trigger_nothing_fails_and_nobody_is_paged() -> None:
    run = simulate(replace(QUIET, outage_s=0))
    assert times(run, Kind.FAILURES_BEGIN) == []
    assert times(run, Kind.PAGE) == []
    assert sum(m.delivered for m in run.minutes) == created(QUIET)


def test_each_failing_delivery_makes_five_attempts_without_jitter() -> None:
    minute = simulate(QUIET).minutes[5]  # well inside the storm
    assert minute.attempts == 5 * QUIET.new_per_s * 60  # first try and 4 retries
    assert minute.delivered == 0
    assert minute.failed == QUIET.new_per_s * 60


def test_the_storm_outlives_its_trigger() -> None:
    run = simulate(QUIET)
    after = (QUIET.outage_at_s + QUIET.outage_s) // 60 + 1
    assert all(m.delivered == 0 for m in run.minutes[after:])
    assert times(run, Kind.FAILURES_END) == []
    with pytest.raises(IncidentOpen):
        build_timeline(run.events)


def test_a_provider_with_room_for_every_retry_recovers_with_the_trigger() -> None:
    roomy = replace(QUIET, capacity_per_s=5 * QUIET.new_per_s)
    run = simulate(roomy)
    assert times(run, Kind.FAILURES_END) == [roomy.outage_at_s + roomy.outage_s]


def test_one_call_over_capacity_is_enough_to_keep_it_down() -> None:
    tight = replace(QUIET, capacity_per_s=5 * QUIET.new_per_s - 1)
    assert times(simulate(tight), Kind.FAILURES_END) == []


def test_a_retry_budget_ends_the_failures_with_the_trigger() -> None:
    budgeted = replace(QUIET, retry_budget=0.1)
    run = simulate(budgeted)
    assert times(run, Kind.FAILURES_END) == [budgeted.outage_at_s + budgeted.outage_s]
    started_during_outage = budgeted.outage_s * budgeted.new_per_s
    assert 0 < sum(m.failed for m in run.minutes) <= started_during_outage
    assert max(m.peak_attempts_per_s for m in run.minutes) <= budgeted.capacity_per_s


def test_jitter_adds_load_because_more_retries_fit_the_deadline() -> None:
    plain, jittered = simulate(QUIET), simulate(replace(QUIET, jitter=True))
    per_minute = QUIET.new_per_s * 60
    assert plain.minutes[5].attempts == 5 * per_minute  # 1 try + 4 retries
    # Jittered waits average half their ceilings, so most of the policy's 6
    # retries fit the 30 s deadline: between 5.5 and 6 retries a delivery.
    assert 6.5 * per_minute < jittered.minutes[5].attempts <= 7 * per_minute
    assert times(jittered, Kind.FAILURES_END) == []


def test_the_kill_switch_dead_letters_waiting_retries_and_ends_it() -> None:
    pause = Step(120, "oncall", Kind.MITIGATION, "pause", Action.PAUSE_RETRIES)
    scenario = replace(QUIET, steps=(pause,))
    run = simulate(scenario)
    (page,) = times(run, Kind.PAGE)
    assert times(run, Kind.MITIGATION) == [page + 120]
    assert times(run, Kind.FAILURES_END) == [page + 121]


def test_every_delivery_is_delivered_or_dead_lettered(incident: Run) -> None:
    # Nothing is in flight at the end of the incident run, so nothing is lost.
    outcomes = sum(m.delivered + m.failed for m in incident.minutes)
    assert outcomes == created(INCIDENT)


def test_the_incident_log_gives_the_page_its_numbers(incident: Run) -> None:
    timeline = build_timeline(incident.events)
    assert timeline.time_to_detect == timedelta(minutes=1)
    assert timeline.time_to_mitigate == timedelta(minutes=19, seconds=1)
    assert timeline.fix is not None and "kill switch" in timeline.fix.detail
    hit = impact(incident.minutes, slo=0.999, normal_per_minute=INCIDENT.new_per_s * 60)
    assert hit.failed == 57_000  # 19 minutes of 3,000 codes
    assert hit.budget_minutes == pytest.approx(19.0)


def test_responders_act_relative_to_the_page(incident: Run) -> None:
    (page,) = times(incident, Kind.PAGE)
    assert times(incident, Kind.ACK) == [page + 180]
    assert times(incident, Kind.RESOLVED)[0] >= times(incident, Kind.ALERT_CLEARED)[0]


def test_the_same_seed_gives_the_same_log() -> None:
    scenario = replace(QUIET, jitter=True, run_minutes=4)
    assert simulate(scenario) == simulate(scenario)


def test_the_log_is_in_time_order(incident: Run) -> None:
    stamps = [e.at for e in incident.events]
    assert stamps == sorted(stamps)


@pytest.mark.parametrize(
    "bad",
    [
        {"new_per_s": 0},
        {"capacity_per_s": 10},
        {"outage_s": -1},
        {"outage_at_s": -5},
        {"run_minutes": 0},
        {"retry_budget": 0.0},
        {"retry_budget": 1.5},
    ],
)
def test_a_scenario_that_cannot_run_is_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Scenario(**bad)


def test_with_a_budget_the_page_clears_by_itself() -> None:
    run = simulate(replace(QUIET, retry_budget=0.1))
    (page,) = times(run, Kind.PAGE)
    (cleared,) = times(run, Kind.ALERT_CLEARED)
    assert page < cleared <= page + 6 * 60  # the 5-minute window lets it go
