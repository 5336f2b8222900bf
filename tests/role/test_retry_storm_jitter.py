"""Behavior of the retry-storm model: without jitter every failed delivery retries in lockstep."""

# ruff: noqa: S311  (seeded Random drives deterministic schedules, not secrets)

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from examples.role.notification_retry_schedule import RetryPolicy
from examples.role.retry_storm_jitter import busiest_window, retry_times

POLICY = RetryPolicy(base_delay_s=1, max_delay_s=8, max_retries=4, deadline_s=100)


class ScriptedRandom(random.Random):
    """A Random whose uniform() returns the values it was given, in order."""

    def __init__(self, values: Iterable[float]) -> None:
        super().__init__(0)
        self._values = iter(values)

    def uniform(self, a: float, b: float) -> float:
        value = next(self._values)
        assert a <= value <= b
        return value


def test_retry_times_are_the_running_sum_of_waits() -> None:
    assert retry_times(POLICY, None) == [1, 3, 7, 15]


def test_jittered_retry_times_increase() -> None:
    times = retry_times(POLICY, random.Random(5))
    assert times == sorted(times)
    assert len(times) == 4


def test_without_jitter_every_delivery_hits_the_same_window() -> None:
    assert busiest_window(250, POLICY, None) == 250


def test_jitter_spreads_retries_so_the_peak_is_far_below_the_herd() -> None:
    peak = busiest_window(1_000, POLICY, random.Random(11))
    # First retries alone spread over ten 100 ms windows, so the peak cannot be the whole herd.
    assert 0 < peak < 500


def test_a_retry_at_a_window_boundary_opens_the_next_window() -> None:
    # Retries at 0.95 s and 1.0 s are in [0.9, 1.0) and [1.0, 1.1): one per window.
    one_retry = RetryPolicy(base_delay_s=1, max_delay_s=1, max_retries=1, deadline_s=10)
    assert busiest_window(2, one_retry, ScriptedRandom([0.95, 1.0])) == 1


def test_one_delivery_peaks_at_one() -> None:
    assert busiest_window(1, POLICY, None) == 1


@pytest.mark.parametrize("deliveries", [0, -3])
def test_needs_at_least_one_delivery(deliveries: int) -> None:
    with pytest.raises(ValueError, match="deliveries must be at least 1"):
        busiest_window(deliveries, POLICY, None)


def test_a_policy_with_no_retries_sends_nothing_to_any_window() -> None:
    no_retries = RetryPolicy(base_delay_s=1, max_delay_s=1, max_retries=0, deadline_s=10)
    assert busiest_window(100, no_retries, random.Random(1)) == 0
