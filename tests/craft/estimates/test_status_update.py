"""The computed status update: remaining work, the approval risk and its options."""

from __future__ import annotations

import pytest

from examples.craft.estimates.forecast import SMS_CHANNEL, START, Plan, Ticket
from examples.craft.estimates.status_update import (
    CARRIER,
    ROLLOUT,
    Forecast,
    forecast,
    remaining,
    status_update,
    with_approval,
)

DONE = {"NOTIF-101": 3.5, "NOTIF-102": 1.5}


def test_remaining_drops_done_tickets_and_refuses_unknown_ones() -> None:
    left = remaining(SMS_CHANNEL, DONE)
    assert [t.key for t in left] == [t.key for t in SMS_CHANNEL[2:]]
    assert remaining(SMS_CHANNEL, {}) == SMS_CHANNEL
    with pytest.raises(ValueError, match=r"not in the plan: \['NOTIF-999'\]"):
        remaining(SMS_CHANNEL, {"NOTIF-999": 1})


def test_the_rollout_waits_for_the_approval() -> None:
    plan = with_approval(SMS_CHANNEL, legal_signs_in=3)
    assert [t.key for t in plan.then] == [ROLLOUT]
    assert ROLLOUT not in [t.key for t in plan.work]
    assert (plan.wait, plan.wait_starts) == (CARRIER, 3)


def test_elapsed_days_move_the_dates_and_nothing_done_matches_the_plan() -> None:
    plan = Plan(work=SMS_CHANNEL)
    assert forecast(plan, elapsed=0) == forecast(Plan(work=remaining(SMS_CHANNEL, {})), 0)
    later = forecast(plan, elapsed=5)
    assert (later.p50 - forecast(plan, 0).p50).days == 7  # five working days are a calendar week
    assert str(Forecast(START, START)) == "P50 Mon 03-03, P85 Mon 03-03"


def test_options_are_priced_in_the_order_the_page_argues() -> None:
    lines = status_update(DONE, elapsed=5)
    options = {line.split()[0]: line for line in lines if line.startswith("  ")}
    assert list(options) == ["A.", "B.", "C."]
    p85 = {key: line.rsplit("P85 ", 1)[1] for key, line in options.items()}
    assert p85["A."] < p85["B."]  # same year, so "Tue 04-01" < "Tue 04-08" compares dates
    assert p85["C."] == p85["B."]  # cutting scope does not move a date the approval holds
    assert lines[0] == "SMS channel: status on Fri 2025-03-07, after 5 working days"
    assert "NOTIF-101 (3.5 d, planned 2)" in lines[3]
    assert lines[-1] == "Ask: legal sign-off by Mon 03-10 (option A)."


def test_an_approval_that_comes_fast_leaves_engineering_as_the_limit() -> None:
    instant = Ticket("CARRIER", "already approved", 0.01, 0.01, 0.01)
    quick = Plan(work=SMS_CHANNEL[:-1], wait=instant, then=SMS_CHANNEL[-1:])
    assert forecast(quick, 0) == forecast(Plan(work=SMS_CHANNEL), 0)
