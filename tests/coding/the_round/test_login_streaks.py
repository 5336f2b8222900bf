"""The O(n) streak count agrees with trying every first day, on random login logs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.the_round.login_streaks import streak_users, streak_users_brute_force

logins = st.lists(st.tuples(st.sampled_from(["ana", "bo", "cy", "di"]), st.integers(-6, 12)), max_size=40)


@given(logins, st.integers(1, 6))
@settings(max_examples=300, deadline=None)
def test_the_run_count_agrees_with_the_brute_force(events: list[tuple[str, int]], k: int) -> None:
    assert streak_users(events, k) == streak_users_brute_force(events, k)


@pytest.mark.parametrize("solution", [streak_users, streak_users_brute_force])
def test_a_streak_shorter_than_one_day_is_refused(solution) -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        solution([("ana", 1)], -2)
