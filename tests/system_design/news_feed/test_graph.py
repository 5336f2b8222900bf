"""The seeded Zipf graph: repeatable, well formed, and power-law shaped."""

from __future__ import annotations

import math

import pytest

from examples.system_design.news_feed.graph import (
    SocialGraph,
    ranked_follower_counts,
    zipf_graph,
)


@pytest.fixture(scope="module")
def graph() -> SocialGraph:
    return zipf_graph(3_000, seed=7)


def test_the_same_seed_builds_the_same_graph(graph: SocialGraph) -> None:
    assert zipf_graph(3_000, seed=7) == graph
    assert zipf_graph(3_000, seed=8) != graph


def test_both_directions_hold_the_same_edges(graph: SocialGraph) -> None:
    forward = {(u, a) for u, follows in enumerate(graph.following) for a in follows}
    backward = {(u, a) for a, fans in enumerate(graph.followers) for u in fans}
    assert forward == backward
    assert all(u != a for u, a in forward)


def test_follow_counts_stay_within_their_bounds(graph: SocialGraph) -> None:
    counts = [len(f) for f in graph.following]
    assert min(counts) >= 5
    assert max(counts) <= 500


def test_follower_counts_fall_as_a_power_of_rank(graph: SocialGraph) -> None:
    counts = ranked_follower_counts(graph)
    # Past the saturated top, the log-log slope between ranks 30 and 300 is near -1.
    slope = (math.log(counts[299]) - math.log(counts[29])) / math.log(10)
    assert -1.3 < slope < -0.7
    # A few accounts hold a large share of all follows, the celebrity problem.
    assert sum(counts[:10]) > 0.1 * sum(counts)
    assert counts[0] > 0.3 * graph.users


def test_from_edges_refuses_bad_edges() -> None:
    with pytest.raises(ValueError, match="cannot follow themselves"):
        SocialGraph.from_edges(3, [(1, 1)])
    with pytest.raises(ValueError, match="unknown user"):
        SocialGraph.from_edges(3, [(0, 3)])
    with pytest.raises(ValueError, match="appears twice"):
        SocialGraph.from_edges(3, [(0, 1), (0, 1)])
    with pytest.raises(ValueError, match="at least 1"):
        SocialGraph.from_edges(0, [])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"users": 1}, "users must be at least 2"),
        ({"users": 100, "exponent": 0}, "must be positive"),
        ({"users": 100, "following_tail": -1}, "must be positive"),
        ({"users": 100, "min_following": 0}, "min_following"),
        ({"users": 100, "max_following": 100}, "max_following < users"),
        ({"users": 100, "min_following": 9, "max_following": 8}, "min_following"),
    ],
)
def test_zipf_graph_refuses_bad_parameters(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        zipf_graph(seed=1, **kwargs)
