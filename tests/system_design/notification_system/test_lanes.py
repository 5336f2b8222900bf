"""Priority lanes: order, the bulk floor, nothing lost, and the simulated waits."""

from __future__ import annotations

from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.notification_system.lanes import (
    LANES,
    FifoScheduler,
    Job,
    LaneScheduler,
)
from examples.system_design.notification_system.lanes_simulation import (
    Workload,
    arrivals,
    delays_by_lane,
    percentile,
    sends_before,
    table,
)


def job(n: int, lane: str) -> Job:
    return Job(f"{lane}-{n}", lane, 0)


def test_urgent_lanes_go_first_except_for_the_bulk_slot() -> None:
    lanes = LaneScheduler(bulk_floor=1, window=4)
    for n in range(4):
        lanes.push(job(n, "bulk"))
    lanes.push(job(0, "transactional"))
    lanes.push(job(0, "critical"))
    order = [lanes.pop().job_id for _ in range(6)]
    # Slot 0 of each window of 4 belongs to bulk; then strict priority.
    assert order == ["bulk-0", "critical-0", "transactional-0", "bulk-1", "bulk-2", "bulk-3"]
    assert lanes.pop() is None and len(lanes) == 0


def test_a_zero_floor_is_strict_priority() -> None:
    lanes = LaneScheduler(bulk_floor=0)
    lanes.push(job(0, "bulk"))
    lanes.push(job(0, "transactional"))
    assert lanes.pop().lane == "transactional"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lanes": ["only"]}, "need two or more distinct lanes"),
        ({"lanes": ["a", "a"]}, "need two or more distinct lanes"),
        ({"bulk_floor": 10, "window": 10}, "bulk_floor must be in"),
        ({"bulk_floor": -1}, "bulk_floor must be in"),
    ],
)
def test_bad_configuration_is_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LaneScheduler(**kwargs)


def test_an_unknown_lane_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown lane 'vip'"):
        LaneScheduler().push(job(0, "vip"))


@given(st.lists(st.sampled_from(LANES), max_size=200), st.integers(0, 4))
def test_every_job_comes_out_once_in_lane_order(lanes_in: list[str], floor: int) -> None:
    scheduler = LaneScheduler(bulk_floor=floor, window=5)
    jobs = [job(n, lane) for n, lane in enumerate(lanes_in)]
    for j in jobs:
        scheduler.push(j)
    out = [scheduler.pop() for _ in jobs]
    assert scheduler.pop() is None
    assert sorted(j.job_id for j in out) == sorted(j.job_id for j in jobs)
    for lane in LANES:  # FIFO within each lane
        assert [j for j in out if j.lane == lane] == [j for j in jobs if j.lane == lane]


@given(st.integers(1, 4), st.integers(1, 50))
def test_a_backlogged_bulk_lane_gets_its_floor(floor: int, windows: int) -> None:
    scheduler = LaneScheduler(bulk_floor=floor, window=5)
    for n in range(5 * windows):
        scheduler.push(job(n, "bulk"))
        scheduler.push(job(n, "critical"))
    out = [scheduler.pop() for _ in range(5 * windows)]
    assert sum(j.lane == "bulk" for j in out) == floor * windows


def test_fifo_keeps_arrival_order() -> None:
    fifo = FifoScheduler()
    for n, lane in enumerate(["bulk", "critical", "bulk"]):
        fifo.push(job(n, lane))
    assert [fifo.pop().job_id for _ in range(3)] == ["bulk-0", "critical-1", "bulk-2"]


def test_the_simulation_is_deterministic_and_counts_every_job() -> None:
    work = Workload(campaign_size=2_000, duration_s=30)
    first = delays_by_lane(LaneScheduler, work, seed=1)
    assert first == delays_by_lane(LaneScheduler, work, seed=1)
    assert sum(map(len, first.values())) == len(arrivals(work, seed=1))
    assert len(first["bulk"]) == 2_000


def test_lanes_bound_urgent_waits_where_fifo_does_not() -> None:
    work = Workload()
    lanes = delays_by_lane(LaneScheduler, work, seed=7)
    fifo = delays_by_lane(FifoScheduler, work, seed=7)
    slot_ms = 1000 // work.provider_rate_per_s
    # With 22 urgent jobs/s against 100 sends/s, an urgent job waits a few slots.
    assert max(lanes["critical"]) <= 5 * slot_ms
    assert percentile(fifo["critical"], 50) > 60_000  # behind the campaign
    assert max(lanes["bulk"]) > max(fifo["bulk"])  # the campaign pays for it
    assert "critical" in table("x", lanes)


@pytest.mark.parametrize(
    ("values", "p", "expected"), [([5], 50, 5), ([1, 2, 3, 4], 50, 2), ([1, 2, 3, 4], 100, 4)]
)
def test_percentile_is_nearest_rank(values: list[int], p: float, expected: int) -> None:
    assert percentile(values, p) == expected


@pytest.mark.parametrize(("values", "p"), [([], 50), ([1], 0), ([1], 101)])
def test_percentile_refuses_bad_input(values: list[int], p: float) -> None:
    with pytest.raises(ValueError):
        percentile(values, p)


@pytest.mark.parametrize(
    "kwargs",
    [{"campaign_size": 0}, {"provider_rate_per_s": 3}, {"critical_per_s": -1}],
)
def test_bad_workloads_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Workload(**kwargs)


def test_under_saturation_the_floor_feeds_bulk_at_the_transactional_lanes_expense() -> None:
    busy = Workload(transactional_per_s=85, critical_per_s=10)  # 95 of 100 sends/s
    until = busy.duration_s * 1000
    floor = sends_before(partial(LaneScheduler, bulk_floor=1), busy, 7, until)
    strict = sends_before(partial(LaneScheduler, bulk_floor=0), busy, 7, until)
    assert floor["bulk"] >= busy.duration_s * busy.provider_rate_per_s // 10  # its tenth
    assert strict["bulk"] < floor["bulk"]  # strict priority gives it only the leftovers
    waits = delays_by_lane(partial(LaneScheduler, bulk_floor=1), busy, seed=7)
    slot_ms = 1000 // busy.provider_rate_per_s
    assert max(waits["critical"]) <= 5 * slot_ms  # codes still go first
    assert percentile(waits["transactional"], 99) > 1_000  # the lane that pays


def test_critical_traffic_can_starve_the_transactional_lane() -> None:
    lanes = LaneScheduler(bulk_floor=0)
    for n in range(20):
        lanes.push(job(n, "critical"))
    lanes.push(job(0, "transactional"))
    assert [lanes.pop().lane for _ in range(20)] == ["critical"] * 20
