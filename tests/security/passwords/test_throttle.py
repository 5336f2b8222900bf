"""Backoff per account and per IP, on a manual clock."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.security.passwords.throttle import Backoff, LoginThrottle


def test_free_failures_then_doubling_waits_up_to_the_cap() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=2, base_delay=1.0, max_delay=8.0)
    waits = []
    for _ in range(8):
        waits.append(backoff.retry_after("k"))
        backoff.failure("k")
    assert waits == [0, 0, 1, 2, 4, 8, 8, 8]


def test_the_wait_runs_down_with_the_clock() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=1, base_delay=4.0)
    backoff.failure("k")
    clock.advance(3)
    assert backoff.retry_after("k") == 1
    clock.advance(1)
    assert backoff.retry_after("k") == 0


def test_success_and_a_quiet_day_reset_the_count() -> None:
    clock = ManualClock()
    backoff = Backoff(clock, free_failures=1, forget_after=100)
    backoff.failure("a")
    backoff.failure("b")
    backoff.success("a")
    assert backoff.retry_after("a") == 0
    clock.advance(100)
    assert backoff.retry_after("b") == 0
    backoff.failure("b")  # counts from one again
    assert backoff.retry_after("b") == 1


def test_keys_are_independent() -> None:
    backoff = Backoff(ManualClock(), free_failures=1)
    backoff.failure("a")
    assert backoff.retry_after("b") == 0


@pytest.mark.parametrize("kwargs", [{"free_failures": 0}, {"base_delay": 0}, {"max_delay": 0.5}])
def test_bad_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Backoff(ManualClock(), **{"free_failures": 1, **kwargs})


@given(failures=st.integers(min_value=0, max_value=60))
def test_the_wait_never_exceeds_the_cap(failures: int) -> None:
    backoff = Backoff(ManualClock(), free_failures=3, max_delay=900)
    for _ in range(failures):
        backoff.failure("k")
    assert 0 <= backoff.retry_after("k") <= 900


def test_spraying_many_accounts_from_one_ip_hits_the_ip_limit() -> None:
    throttle = LoginThrottle(ManualClock())
    for index in range(20):  # one guess at each of 20 accounts
        assert throttle.retry_after(f"user{index}@x.io", "198.51.100.7") == 0
        throttle.failure(f"user{index}@x.io", "198.51.100.7")
    assert throttle.retry_after("user99@x.io", "198.51.100.7") > 0
    assert throttle.retry_after("user99@x.io", "203.0.113.1") == 0


def test_a_success_does_not_reset_the_ip() -> None:
    throttle = LoginThrottle(ManualClock())
    for index in range(20):
        throttle.failure(f"user{index}@x.io", "198.51.100.7")
    throttle.success("mine@x.io", "198.51.100.7")
    assert throttle.retry_after("other@x.io", "198.51.100.7") > 0
