"""The three-region simulation: its inputs, its determinism, and what each setting guarantees."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.consistency.checker import classify
from examples.system_design.consistency.replicas import (
    THREE_REGIONS,
    Topology,
    Workload,
    latencies,
    percentile,
    simulate,
)

SHORT = Workload(calls_per_client=4)


def test_the_same_seed_gives_the_same_run() -> None:
    first = simulate(THREE_REGIONS, Workload(duration_ms=2_000), "local", seed=3)
    again = simulate(THREE_REGIONS, Workload(duration_ms=2_000), "local", seed=3)
    other = simulate(THREE_REGIONS, Workload(duration_ms=2_000), "local", seed=4)
    assert first.calls == again.calls
    assert first.calls != other.calls


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_the_leader_setting_is_linearizable_and_never_stale(seed: int) -> None:
    run = simulate(THREE_REGIONS, SHORT, "linearizable", seed)
    assert all(classify(run.history()).values())
    assert run.stale() == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_the_local_setting_keeps_a_pinned_clients_session_guarantees(seed: int) -> None:
    # Each client always talks to its own region's replica (a sticky session).
    verdict = classify(simulate(THREE_REGIONS, SHORT, "local", seed).history())
    assert verdict["read-your-writes"]
    assert verdict["monotonic-reads"]


def test_the_local_setting_is_not_linearizable_and_its_stale_reads_are_the_evidence() -> None:
    runs = [simulate(THREE_REGIONS, SHORT, "local", seed) for seed in range(30)]
    broken = [run for run in runs if not classify(run.history())["linearizable"]]
    assert broken
    assert all(run.stale() for run in broken)


def test_a_stale_read_missed_a_write_acknowledged_before_it_began() -> None:
    run = simulate(THREE_REGIONS, Workload(duration_ms=3_000), "local", seed=7)
    writes = [c for c in run.completed() if c.kind == "w"]
    for read in run.stale():
        assert any(c.response < read.invoke and c.version > read.version for c in writes)


def test_local_calls_cost_the_local_round_trip_and_leader_calls_cost_the_wan() -> None:
    calm = Topology(THREE_REGIONS.one_way_ms, leader="us-east", jitter=0)
    local = simulate(calm, Workload(duration_ms=2_000), "local", seed=1)
    leader = simulate(calm, Workload(duration_ms=2_000), "linearizable", seed=1)

    def rounded(values: list[float]) -> set[float]:
        return {round(value, 6) for value in values}

    assert rounded(latencies(local, "w")) == {2.0}
    # us-east client: 1 ms to the leader, 70 ms round trip to us-west, 1 ms back.
    assert rounded(latencies(leader, "w", "us-east")) == {72.0}
    # eu-west client: 40 ms each way to the leader, plus the same majority round.
    assert rounded(latencies(leader, "r", "eu-west")) == {150.0}


def test_a_partition_makes_the_leader_setting_unavailable_and_the_local_one_stale() -> None:
    cut = Workload(duration_ms=4_000, partition=("eu-west", 1_000, 3_000))
    leader = simulate(THREE_REGIONS, cut, "linearizable", seed=2)
    local = simulate(THREE_REGIONS, cut, "local", seed=2)

    def cut_off(run):
        return [c for c in run.calls if c.region == "eu-west" and 1_000 <= c.invoke < 3_000]

    assert cut_off(leader) and all(c.response is None for c in cut_off(leader))
    assert cut_off(local) and all(c.response is not None for c in cut_off(local))
    assert any(c in cut_off(local) for c in local.stale())
    # The other two regions still form a majority and keep answering.
    assert all(c.response is not None for c in leader.calls if c.region != "eu-west")
    with pytest.raises(ValueError, match="timed out"):
        leader.history()


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5, 1, 3, 2, 4], 0.5) == 3
    assert percentile([1, 2, 3, 4], 0.99) == 4
    assert percentile([7], 0.01) == 7
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"one_way_ms": {("a", "b"): 10, ("a", "c"): 10}, "leader": "a"}, "no delay given between 'b' and 'c'"),
        ({"one_way_ms": {("a", "b"): 0}, "leader": "a"}, "delay must be a positive"),
        ({"one_way_ms": {("a", "a"): 5}, "leader": "a"}, "two different regions"),
        ({"one_way_ms": {("a", "b"): 5}, "leader": "z"}, "leader 'z' is not one of"),
        ({"one_way_ms": {("a", "b"): 5}, "leader": "a", "local_ms": -1}, "local_ms must be a positive"),
        ({"one_way_ms": {("a", "b"): 5}, "leader": "a", "jitter": float("nan")}, "jitter must be zero or more"),
    ],
)
def test_bad_topologies_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Topology(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"clients_per_region": 0}, "clients_per_region must be at least 1"),
        ({"duration_ms": 0}, "duration_ms must be a positive"),
        ({"think_ms": float("inf")}, "think_ms must be a positive"),
        ({"write_share": 1.5}, "write_share must be between 0 and 1"),
        ({"partition": ("eu-west", 5, 5)}, "must end after it starts"),
        ({"calls_per_client": 0}, "calls_per_client must be at least 1"),
    ],
)
def test_bad_workloads_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Workload(**kwargs)


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        simulate(THREE_REGIONS, SHORT, "quorum", seed=1)
