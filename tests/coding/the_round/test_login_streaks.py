"""The O(n) streak count agrees with trying every first day, and its lookups stay linear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.the_round.login_streaks import streak_users, streak_users_brute_force
from examples.coding.the_round.lookups_counted import lookups

logins = st.lists(st.tuples(st.sampled_from(["ana", "bo", "cy", "di"]), st.integers(-6, 12)), max_size=40)


@given(logins, st.integers(1, 6))
@settings(max_examples=300, deadline=None)
def test_the_run_count_agrees_with_the_brute_force(events: list[tuple[str, int]], k: int) -> None:
    assert streak_users(events, k) == streak_users_brute_force(events, k)


@pytest.mark.parametrize("solution", [streak_users, streak_users_brute_force])
def test_a_streak_shorter_than_one_day_is_refused(solution) -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        solution([("ana", 1)], -2)


# Whole runs of days, so that long runs (where a quadratic walk would show) are common.
runs_of_logins = st.lists(
    st.tuples(st.sampled_from(["ana", "bo"]), st.integers(-6, 12), st.integers(1, 15)), max_size=5
).map(lambda runs: [(user, start + offset) for user, start, length in runs for offset in range(length)])


@given(runs_of_logins, st.integers(1, 30))  # k past the longest run too: no early exit
@settings(max_examples=100, deadline=None)
def test_the_optimal_makes_at_most_two_lookups_per_distinct_day(events: list[tuple[str, int]], k: int) -> None:
    # Per day: one "is the previous day there?" check, and one step of the walk from its
    # run's first day (r steps for a run of r days, the last one failing past its end).
    # The O(n) claim, counted instead of timed.
    assert lookups(streak_users, events, k) <= 2 * len(set(events))


@pytest.mark.parametrize("n", [50, 365])
def test_the_brute_force_is_quadratic_when_the_streak_is_one_day_too_long(n: int) -> None:
    every_day = [("ana", day) for day in range(n)]
    # Starting at day i it checks days i..n, the last one missing: n - i + 1 lookups.
    assert lookups(streak_users_brute_force, every_day, n + 1) == n * (n + 1) // 2 + n
    assert lookups(streak_users, every_day, n + 1) == 2 * n
