"""The seeded day: its counts follow from the graph, and the threshold rule picks what the figure shows."""

from __future__ import annotations

import statistics

import pytest

from examples.system_design.news_feed import simulation as sim
from examples.system_design.news_feed.graph import zipf_graph
from examples.system_design.news_feed.timelines import PULL, PUSH
from examples.system_design.news_feed.write_amplification_figure import HYBRID_THRESHOLD

SMALL = zipf_graph(400, seed=3, max_following=100)
EVENTS = sim.day(SMALL, posts=300, reads=300, seed=3)


def test_a_day_is_seeded_and_has_the_asked_for_mix() -> None:
    assert sim.day(SMALL, 300, 300, seed=3) == EVENTS
    assert sum(kind == "post" for kind, _, _ in EVENTS) == 300
    ids = [pid for kind, _, pid in EVENTS if kind == "post"]
    assert ids == list(range(1, 301))  # time-ordered ids


def test_push_costs_the_authors_followers_and_one_timeline_per_read() -> None:
    costs = sim.measure(SMALL, EVENTS, PUSH)
    authors = [u for kind, u, _ in EVENTS if kind == "post"]
    assert costs.writes_mean == pytest.approx(statistics.fmean(SMALL.follower_count(a) for a in authors))
    assert costs.writes_max == max(SMALL.follower_count(a) for a in authors)
    assert costs.celebrity_writes == max(SMALL.follower_count(u) for u in range(400))
    assert (costs.reads_mean, costs.reads_p99, costs.pulled_accounts) == (1, 1, 0)


def test_pull_writes_nothing_and_reads_every_followee() -> None:
    costs = sim.measure(SMALL, EVENTS, PULL)
    readers = [u for kind, u, _ in EVENTS if kind == "read"]
    assert (costs.writes_mean, costs.writes_max, costs.entries) == (0, 0, 0)
    assert costs.reads_mean == pytest.approx(statistics.fmean(len(SMALL.following[u]) for u in readers))


def test_the_hybrid_sits_between_push_and_pull() -> None:
    push, pull = sim.measure(SMALL, EVENTS, PUSH), sim.measure(SMALL, EVENTS, PULL)
    hybrid = sim.measure(SMALL, EVENTS, 50)
    assert hybrid.writes_max < 50 <= push.writes_max
    assert push.reads_mean < hybrid.reads_mean < pull.reads_mean
    assert pull.entries < hybrid.entries < push.entries


def test_p99_is_the_nearest_rank() -> None:
    assert sim.p99(list(range(1, 101))) == 99
    assert sim.p99(list(range(1, 201))) == 198
    assert sim.p99([5]) == 5
    with pytest.raises(ValueError, match="no values"):
        sim.p99([])


def test_pick_threshold_takes_the_lowest_that_fits_the_read_budget() -> None:
    rows = [sim.measure(SMALL, EVENTS, t) for t in (PUSH, 100, 20, PULL)]
    chosen = sim.pick_threshold(rows, read_budget=max(r.reads_p99 for r in rows[:3]))
    assert chosen.threshold == 20
    assert sim.pick_threshold(rows, read_budget=1).threshold == PUSH
    with pytest.raises(ValueError, match="no threshold"):
        sim.pick_threshold(rows[1:], read_budget=0)


def test_day_refuses_an_empty_day() -> None:
    with pytest.raises(ValueError, match="at least one"):
        sim.day(SMALL, 0, 10, seed=1)


def test_the_figure_draws_the_threshold_the_full_simulation_picks() -> None:
    graph = zipf_graph(sim.USERS, seed=sim.SEED)
    events = sim.day(graph, sim.POSTS, sim.READS, seed=sim.SEED)
    rows = [sim.measure(graph, events, t) for t in sim.THRESHOLDS]
    assert sim.pick_threshold(rows, sim.READ_BUDGET).threshold == HYBRID_THRESHOLD
