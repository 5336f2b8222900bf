from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.deployment.rollout import Rollout, simulate


def test_surge_one_unavailable_zero_replaces_one_pod_at_a_time() -> None:
    rollout = Rollout(3, max_surge=1, max_unavailable=0, new_ready_after=2)
    lines = simulate(rollout, 20)
    assert rollout.done()
    assert (rollout.min_ready, rollout.max_total) == (3, 4)
    assert len(lines) == 8  # t=0..7: three replacements of two ticks each, plus the last delete


def test_a_new_version_that_never_gets_ready_stalls_with_the_old_one_serving() -> None:
    rollout = Rollout(3, max_surge=1, max_unavailable=0, new_ready_after=None)
    simulate(rollout, 50)
    assert not rollout.done()
    assert rollout.count("old", ready_only=True) == 3
    assert rollout.traffic(12) == {"old": 12, "new": 0}


def test_max_unavailable_lets_capacity_drop_during_the_rollout() -> None:
    rollout = Rollout(4, max_surge=0, max_unavailable=1, new_ready_after=1)
    simulate(rollout, 50)
    assert rollout.done()
    assert (rollout.min_ready, rollout.max_total) == (3, 4)


def test_traffic_reaches_only_ready_pods() -> None:
    rollout = Rollout(2, max_surge=2, max_unavailable=0, new_ready_after=3)
    rollout.tick()
    assert rollout.count("new") == 2 and rollout.count("new", ready_only=True) == 0
    assert rollout.traffic(10) == {"old": 10, "new": 0}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"replicas": 0, "max_surge": 1, "max_unavailable": 0, "new_ready_after": 1}, "replicas must be at least 1"),
        ({"replicas": 3, "max_surge": 0, "max_unavailable": 0, "new_ready_after": 1}, "cannot both be 0"),
        ({"replicas": 3, "max_surge": -1, "max_unavailable": 1, "new_ready_after": 1}, "cannot be negative"),
        ({"replicas": 3, "max_surge": 1, "max_unavailable": 0, "new_ready_after": 0}, "at least 1 tick"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rollout(**kwargs)


@given(
    replicas=st.integers(1, 6),
    surge=st.integers(0, 3),
    unavailable=st.integers(0, 3),
    ready_after=st.integers(1, 4),
)
def test_the_bounds_hold_and_every_rollout_finishes(
    replicas: int, surge: int, unavailable: int, ready_after: int
) -> None:
    if surge == 0 and unavailable == 0:
        return
    rollout = Rollout(replicas, max_surge=surge, max_unavailable=unavailable, new_ready_after=ready_after)
    simulate(rollout, 100)
    assert rollout.done()
    assert rollout.min_ready >= max(0, replicas - unavailable)
    assert rollout.max_total <= replicas + surge
