"""Merging concurrent writes: last-writer-wins drops one, a grow-only counter keeps all."""

from __future__ import annotations

from functools import reduce

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.replication.conflicts import GCounter, Stamped, lww_merge

LEADERS = ("us", "eu", "ap")
increments = st.lists(st.tuples(st.sampled_from(LEADERS), st.integers(1, 5)), max_size=20)


def counter_from(steps: list[tuple[str, int]]) -> GCounter:
    counter = GCounter()
    for leader, by in steps:
        counter.increment(leader, by)
    return counter


@given(increments, increments, increments)
def test_merge_is_commutative_associative_and_idempotent(
    a: list[tuple[str, int]], b: list[tuple[str, int]], c: list[tuple[str, int]]
) -> None:
    x, y, z = counter_from(a), counter_from(b), counter_from(c)
    assert x.merge(y) == y.merge(x)
    assert x.merge(y).merge(z) == x.merge(y.merge(z))
    assert x.merge(x) == x


@given(st.lists(increments, min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_leaders_that_only_count_their_own_increments_lose_none(
    per_leader: list[list[tuple[str, int]]], rng
) -> None:
    # Leader i applies only its own increments, as a real leader would.
    replicas = []
    total = 0
    for i, steps in enumerate(per_leader):
        counter = GCounter()
        for _, by in steps:
            counter.increment(LEADERS[i], by)
            total += by
        replicas.append(counter)
    rng.shuffle(replicas)  # the order the leaders exchange state in does not matter
    assert reduce(GCounter.merge, replicas, GCounter()).value == total


def test_last_writer_wins_drops_one_of_two_concurrent_increments() -> None:
    us, eu = Stamped(11, 1.0, "us"), Stamped(11, 1.2, "eu")
    assert lww_merge(us, eu) == eu
    assert lww_merge(eu, us) == eu  # the same winner in either order


def test_a_tie_on_the_timestamp_is_broken_by_leader_name() -> None:
    assert lww_merge(Stamped("a", 5.0, "eu"), Stamped("b", 5.0, "us")).value == "b"


@given(st.lists(st.tuples(st.integers(), st.floats(0, 1e6), st.sampled_from(LEADERS)), min_size=1))
def test_lww_keeps_the_largest_stamp_whatever_the_merge_order(
    writes: list[tuple[int, float, str]],
) -> None:
    stamped = [Stamped(v, t, leader) for v, t, leader in writes]
    forward = reduce(lww_merge, stamped)
    backward = reduce(lww_merge, reversed(stamped))
    assert (forward.timestamp, forward.leader) == (backward.timestamp, backward.leader)
    assert (forward.timestamp, forward.leader) == max((s.timestamp, s.leader) for s in stamped)


@pytest.mark.parametrize("by", [0, -1, True, 1.5])
def test_a_grow_only_counter_refuses_anything_but_a_positive_int(by: object) -> None:
    counter = GCounter()
    with pytest.raises(ValueError, match="only grows"):
        counter.increment("us", by)  # type: ignore[arg-type]
    assert counter.value == 0


@pytest.mark.parametrize("leader", ["", None])
def test_an_increment_needs_a_leader_name(leader: object) -> None:
    with pytest.raises(ValueError, match="non-empty name"):
        GCounter().increment(leader)  # type: ignore[arg-type]
