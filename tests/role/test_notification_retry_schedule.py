"""Behaviour of the notification retry policy: growth, cap, jitter bounds, deadline."""

# ruff: noqa: S311  (seeded Random drives deterministic schedules, not secrets)

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.role.notification_retry_schedule import POLICIES, RetryPolicy


def policy(**overrides: float) -> RetryPolicy:
    values = {"base_delay_s": 1.0, "max_delay_s": 10.0, "max_retries": 6, "deadline_s": 1000.0}
    values.update(overrides)
    return RetryPolicy(**values)


def test_ceiling_doubles_then_stays_at_the_cap() -> None:
    assert policy().ceilings() == [1, 2, 4, 8, 10, 10]


def test_ceiling_of_a_huge_retry_number_is_the_cap_not_an_overflow() -> None:
    assert policy().ceiling(10_000) == 10.0


def test_without_jitter_the_schedule_is_the_ceilings() -> None:
    assert policy().schedule(None) == [1, 2, 4, 8, 10, 10]


def test_deadline_stops_retries_before_it_is_passed() -> None:
    # 1 + 2 + 4 = 7 fits in 10; adding 8 would not.
    assert policy(deadline_s=10).schedule(None) == [1, 2, 4]


def test_zero_retries_means_an_empty_schedule() -> None:
    assert policy(max_retries=0).schedule(random.Random(1)) == []


def test_same_seed_gives_the_same_schedule() -> None:
    p = POLICIES["email_receipt"]
    assert p.schedule(random.Random(3)) == p.schedule(random.Random(3))


def test_different_seeds_spread_the_waits() -> None:
    p = POLICIES["email_receipt"]
    assert p.schedule(random.Random(1)) != p.schedule(random.Random(2))


@given(seed=st.integers(min_value=0, max_value=2**32), retries=st.integers(min_value=0, max_value=12))
def test_jittered_waits_stay_within_ceiling_count_and_deadline(seed: int, retries: int) -> None:
    p = policy(max_retries=retries, deadline_s=25)
    waits = p.schedule(random.Random(seed))
    assert len(waits) <= retries
    assert all(0 <= w <= p.ceiling(i) for i, w in enumerate(waits, start=1))
    assert sum(waits) <= p.deadline_s


def test_the_sms_policy_gives_up_long_before_the_email_policy() -> None:
    sms, email = POLICIES["sms_otp"], POLICIES["email_receipt"]
    assert sms.deadline_s < email.base_delay_s * 2
    assert max(sms.ceilings()) < max(email.ceilings())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"base_delay_s": 0}, "base_delay_s must be positive"),
        ({"base_delay_s": -1}, "base_delay_s must be positive"),
        ({"max_delay_s": 0.5}, "max_delay_s must be at least base_delay_s"),
        ({"max_retries": -1}, "max_retries must not be negative"),
        ({"deadline_s": 0}, "deadline_s must be positive"),
    ],
)
def test_bad_policies_are_refused_with_a_clear_message(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        policy(**overrides)


def test_retry_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="retry numbers start at 1"):
        policy().ceiling(0)
