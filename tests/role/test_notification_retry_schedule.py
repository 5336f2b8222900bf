"""Behavior of the notification retry policy: growth, cap, jitter bounds, deadline."""

# ruff: noqa: S311  (seeded Random drives deterministic schedules, not secrets)

from __future__ import annotations

import math
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


def test_ceiling_reaches_a_cap_that_is_very_far_above_the_base() -> None:
    # A 1 ns base under a 1e30 s cap needs about 130 doublings to reach it.
    wide = policy(base_delay_s=1e-9, max_delay_s=1e30)
    assert wide.ceiling(200) == 1e30
    assert wide.ceiling(100) == pytest.approx(1e-9 * 2**99)


def test_without_jitter_the_schedule_is_the_ceilings() -> None:
    assert policy().schedule(None) == [1, 2, 4, 8, 10, 10]


def test_deadline_stops_retries_before_it_is_passed() -> None:
    # 1 + 2 + 4 = 7 fits in 10; adding 8 would not.
    assert policy(deadline_s=10).schedule(None) == [1, 2, 4]


def test_a_retry_may_start_exactly_at_the_deadline() -> None:
    assert policy(deadline_s=7).schedule(None) == [1, 2, 4]


def test_attempt_time_counts_against_the_deadline() -> None:
    # Each attempt takes 2 s: retries start at 2+1, 5+2, 9+4 = 13 > 12, so two fit.
    assert policy(deadline_s=12).schedule(None, attempt_s=2) == [1, 2]


def test_next_wait_reads_the_elapsed_time_not_the_sum_of_waits() -> None:
    p = policy(deadline_s=30)
    assert p.next_wait(1, elapsed_s=0, rng=None) == 1
    assert p.next_wait(1, elapsed_s=29.5, rng=None) is None  # 29.5 + 1 > 30


def test_next_wait_stops_after_the_last_retry() -> None:
    p = policy(max_retries=2)
    assert p.next_wait(2, elapsed_s=0, rng=None) == 2
    assert p.next_wait(3, elapsed_s=0, rng=None) is None


def test_retry_after_from_the_provider_is_never_shortened() -> None:
    p = policy()
    assert p.next_wait(1, elapsed_s=0, rng=random.Random(1), retry_after_s=120) == 120
    # A Retry-After shorter than the backoff does not shorten the backoff.
    assert p.next_wait(3, elapsed_s=0, rng=None, retry_after_s=0.5) == 4


def test_retry_after_beyond_the_deadline_dead_letters() -> None:
    assert policy(deadline_s=60).next_wait(1, elapsed_s=0, rng=None, retry_after_s=61) is None


@pytest.mark.parametrize("elapsed", [-1, math.nan])
def test_elapsed_time_must_be_a_real_non_negative_number(elapsed: float) -> None:
    with pytest.raises(ValueError, match="elapsed_s must not be negative"):
        policy().next_wait(1, elapsed_s=elapsed, rng=None)


@pytest.mark.parametrize("attempt", [-0.1, math.nan])
def test_attempt_time_must_be_a_real_non_negative_number(attempt: float) -> None:
    with pytest.raises(ValueError, match="attempt_s must not be negative"):
        policy().schedule(None, attempt_s=attempt)


def test_zero_retries_means_an_empty_schedule() -> None:
    assert policy(max_retries=0).schedule(random.Random(1)) == []


def test_same_seed_gives_the_same_schedule() -> None:
    p = POLICIES["email_receipt"]
    assert p.schedule(random.Random(3)) == p.schedule(random.Random(3))


def test_different_seeds_spread_the_waits() -> None:
    p = POLICIES["email_receipt"]
    assert p.schedule(random.Random(1)) != p.schedule(random.Random(2))


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    retries=st.integers(min_value=0, max_value=12),
    attempt_s=st.floats(min_value=0, max_value=10),
)
def test_jittered_waits_stay_within_ceiling_count_and_deadline(seed: int, retries: int, attempt_s: float) -> None:
    p = policy(max_retries=retries, deadline_s=25)
    waits = p.schedule(random.Random(seed), attempt_s=attempt_s)
    assert len(waits) <= retries
    assert all(0 <= w <= p.ceiling(i) for i, w in enumerate(waits, start=1))
    # The last retry starts after every earlier attempt and every wait.
    assert len(waits) * attempt_s + sum(waits) <= p.deadline_s + 1e-9


def test_the_sms_policy_gives_up_long_before_the_email_policy() -> None:
    sms, email = POLICIES["sms_otp"], POLICIES["email_receipt"]
    assert sms.deadline_s < email.base_delay_s * 2
    assert max(sms.ceilings()) < max(email.ceilings())


def test_the_page_claims_about_the_two_policies() -> None:
    sms, email = POLICIES["sms_otp"], POLICIES["email_receipt"]
    assert sum(sms.ceilings()) > sms.deadline_s  # unlucky long waits end early
    assert sum(email.ceilings()) < email.deadline_s  # for email the retry count ends it


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"base_delay_s": 0}, "base_delay_s must be a positive, finite number"),
        ({"base_delay_s": -1}, "base_delay_s must be a positive, finite number"),
        ({"base_delay_s": math.nan}, "base_delay_s must be a positive, finite number"),
        ({"max_delay_s": math.inf}, "max_delay_s must be a positive, finite number"),
        ({"max_delay_s": math.nan}, "max_delay_s must be a positive, finite number"),
        ({"max_delay_s": 0.5}, "max_delay_s must be at least base_delay_s"),
        ({"max_retries": -1}, "max_retries must be a whole number, 0 or more"),
        ({"max_retries": 2.5}, "max_retries must be a whole number, 0 or more"),
        ({"max_retries": True}, "max_retries must be a whole number, 0 or more"),
        ({"deadline_s": 0}, "deadline_s must be a positive, finite number"),
        ({"deadline_s": math.nan}, "deadline_s must be a positive, finite number"),
        ({"deadline_s": math.inf}, "deadline_s must be a positive, finite number"),
    ],
)
def test_bad_policies_are_refused_with_a_clear_message(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        policy(**overrides)


def test_retry_numbers_start_at_one() -> None:
    with pytest.raises(ValueError, match="retry numbers start at 1"):
        policy().ceiling(0)
