"""Goodput with and without shedding, from the seeded queueing simulation."""

from __future__ import annotations

import pytest

from examples.reliability.load_shedding import POLICIES, goodput


@pytest.mark.parametrize("policy", POLICIES)
def test_under_capacity_every_policy_serves_the_offered_load(policy: str) -> None:
    assert goodput(0.5, policy) == pytest.approx(0.5, abs=0.03)


def test_an_unbounded_fifo_queue_collapses_past_capacity() -> None:
    assert goodput(1.2, "fifo") < 0.2
    assert goodput(4.0, "fifo") < 0.1


@pytest.mark.parametrize("policy", ["cap", "queue_time", "lifo"])
@pytest.mark.parametrize("offered", [1.2, 2.0, 4.0])
def test_shedding_keeps_goodput_near_capacity(policy: str, offered: float) -> None:
    # A hair above 1.0 is possible: the random service times average a bit
    # under 100 ms.
    assert 0.95 <= goodput(offered, policy) <= 1.02


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_the_result_holds_for_other_seeds(seed: int) -> None:
    assert goodput(2.0, "fifo", seed=seed) < 0.2
    assert goodput(2.0, "queue_time", seed=seed) > 0.95


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        goodput(1.0, "random")
    with pytest.raises(ValueError, match="positive"):
        goodput(0, "fifo")


def test_fifos_goodput_past_capacity_tends_to_zero_with_a_longer_run() -> None:
    # The 6% at 1.2x is what a 60 s run still delivers while the queue builds.
    assert goodput(1.2, "fifo", seconds=600) < goodput(1.2, "fifo") / 5


def test_dropping_only_requests_whose_client_left_still_collapses() -> None:
    # A queue-time bound equal to the client timeout drops only the dead;
    # requests that waited just under it are served and still arrive too late.
    assert goodput(2.0, "queue_time", max_queue_s=1.0) < 0.2


def test_a_bound_of_timeout_minus_service_time_restores_goodput() -> None:
    # Service takes at most 150 ms, so a bound of 0.8 s leaves time to answer.
    for offered in (1.2, 2.0, 4.0):
        assert goodput(offered, "queue_time", max_queue_s=0.8) > 0.95
