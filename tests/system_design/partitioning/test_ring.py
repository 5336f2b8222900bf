"""HashRing against a brute-force model of the ring, plus replicas, shares and bad input."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning import ring as ring_module
from examples.system_design.partitioning.hashing import stable_hash
from examples.system_design.partitioning.measure import load_by_node, owners, sample_keys, spread
from examples.system_design.partitioning.ring import HashRing
from tests.system_design.partitioning.strategies import key_lists, keys, node_names, node_sets

vnode_counts = st.integers(min_value=1, max_value=12)


def model_owner(nodes: list[str], vnodes: int, key: str, hash_of: Callable[[str], int] = stable_hash) -> str:
    """Scan every token: the smallest (token, node) at or after the key, else the smallest overall."""
    points = [(hash_of(f"{node}#{i}"), node) for node in nodes for i in range(vnodes)]
    position = hash_of(key)
    after = [point for point in points if point[0] >= position]
    return min(after or points)[1]


@given(nodes=node_sets, vnodes=vnode_counts, keys=key_lists)
def test_node_for_matches_a_scan_of_every_token(nodes: list[str], vnodes: int, keys: list[str]) -> None:
    ring = HashRing(nodes, vnodes=vnodes)
    for key in keys:
        assert ring.node_for(key) == model_owner(nodes, vnodes, key)


@given(nodes=node_sets, vnodes=vnode_counts, keys=key_lists, data=st.data())
def test_adding_nodes_one_by_one_builds_the_same_ring(nodes, vnodes, keys, data) -> None:
    at_once = HashRing(nodes, vnodes=vnodes)
    grown = HashRing(vnodes=vnodes)
    for node in data.draw(st.permutations(nodes)):
        grown.add_node(node)
    assert grown.token_count == at_once.token_count == len(nodes) * vnodes
    assert [grown.node_for(k) for k in keys] == [at_once.node_for(k) for k in keys]


@given(nodes=node_sets, vnodes=vnode_counts, key=keys, data=st.data())
def test_nodes_for_walks_to_distinct_nodes_starting_at_the_owner(nodes, vnodes, key, data) -> None:
    ring = HashRing(nodes, vnodes=vnodes)
    count = data.draw(st.integers(min_value=1, max_value=len(nodes)))
    replicas = ring.nodes_for(key, count)
    assert len(replicas) == len(set(replicas)) == count
    assert replicas[0] == ring.node_for(key)
    assert ring.nodes_for(key, len(nodes))[:count] == replicas  # a prefix of the full walk


@given(nodes=node_sets, vnodes=vnode_counts)
def test_ownership_shares_cover_the_space_exactly(nodes: list[str], vnodes: int) -> None:
    ring = HashRing(nodes, vnodes=vnodes)
    shares = ring.ownership()
    assert sorted(shares) == sorted(nodes)
    assert all(share >= 0 for share in shares.values())
    assert sum(shares.values()) == pytest.approx(1.0)


def coarse_hash(text: str) -> int:
    """Only 8 positions on the ring: tokens collide, and keys sit exactly on tokens."""
    return (stable_hash(text) % 8) << 61


@given(
    nodes=st.lists(node_names, min_size=2, max_size=8, unique=True),
    vnodes=vnode_counts,
    keys=key_lists,
    data=st.data(),
)
def test_colliding_tokens_go_to_the_smaller_name_and_stay_consistent(nodes, vnodes, keys, data) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ring_module, "stable_hash", coarse_hash)
        ring = HashRing(nodes, vnodes=vnodes)
        shuffled = HashRing(data.draw(st.permutations(nodes)), vnodes=vnodes)
        for key in keys:
            assert ring.node_for(key) == shuffled.node_for(key) == model_owner(nodes, vnodes, key, coarse_hash)
        assert sum(ring.ownership().values()) == pytest.approx(1.0)
        before = owners(ring.node_for, keys)
        gone = data.draw(st.sampled_from(nodes))
        ring.remove_node(gone)
        for key in keys:  # only the leaver's keys move, to the next token along
            if before[key] == gone:
                assert ring.node_for(key) != gone
            else:
                assert ring.node_for(key) == before[key]
        ring.add_node(gone)  # a join that restores the same tokens restores every owner
        assert owners(ring.node_for, keys) == before


def test_load_spread_matches_the_random_token_formula() -> None:
    # A node's share is a sum of v of the n * v gaps between random tokens;
    # its mean squared CV is (n - 1) / (n * v + 1), so the CV falls like 1/sqrt(v).
    for vnodes in (1, 10, 100):
        rings = [HashRing([f"r{r}-n{i}" for i in range(10)], vnodes=vnodes) for r in range(200)]
        cvs = [spread(ring.ownership().values()).cv for ring in rings]
        rms = math.sqrt(statistics.fmean(cv**2 for cv in cvs))
        assert rms == pytest.approx(math.sqrt(9 / (10 * vnodes + 1)), rel=0.1)


def test_one_node_owns_everything() -> None:
    ring = HashRing(["solo"], vnodes=1)
    assert ring.ownership() == {"solo": 1.0}
    assert ring.node_for("anything") == "solo"


def test_a_key_past_the_last_token_wraps_to_the_first() -> None:
    ring = HashRing(["a", "b", "c"], vnodes=1)
    last_token = max(stable_hash(f"{n}#0") for n in "abc")
    first_owner = min((stable_hash(f"{n}#0"), n) for n in "abc")[1]
    past = next(f"k{i}" for i in range(10_000) if stable_hash(f"k{i}") > last_token)
    assert ring.node_for(past) == first_owner


def test_key_counts_follow_ownership() -> None:
    nodes = [f"node-{i}" for i in range(5)]
    ring = HashRing(nodes, vnodes=20)
    keys = sample_keys(20_000, seed=3)
    loads = load_by_node(ring.node_for, keys, nodes)
    for node, share in ring.ownership().items():
        assert loads[node] / len(keys) == pytest.approx(share, abs=0.015)


def test_more_vnodes_for_a_bigger_node_gives_it_a_bigger_share() -> None:
    ring = HashRing([f"small-{i}" for i in range(4)], vnodes=100)
    ring.add_node("big", vnodes=400)  # four times the capacity
    shares = ring.ownership()
    assert shares["big"] == pytest.approx(0.5, abs=0.06)
    assert ring.token_count == 800


@pytest.mark.parametrize(("vnodes", "error"), [(0, ValueError), (-1, ValueError), (2.0, TypeError), (None, TypeError)])
def test_bad_vnode_counts_are_refused(vnodes: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="vnodes"):
        HashRing(["a"], vnodes=vnodes)  # type: ignore[arg-type]


def test_a_bad_vnode_count_on_add_changes_nothing() -> None:
    ring = HashRing(["a"], vnodes=4)
    with pytest.raises(ValueError, match="vnodes must be at least 1"):
        ring.add_node("b", vnodes=0)
    assert ring.nodes == ("a",)
    ring.add_node("b")  # "b" was not half-added
    assert ring.nodes == ("a", "b")


def test_nodes_for_refuses_more_nodes_than_the_ring_has() -> None:
    ring = HashRing(["a", "b"])
    with pytest.raises(ValueError, match="asked for 3 nodes, the ring has 2"):
        ring.nodes_for("k", 3)
    with pytest.raises(ValueError, match="count must be at least 1"):
        ring.nodes_for("k", 0)


def test_removing_every_node_empties_the_ring() -> None:
    ring = HashRing(["a", "b"], vnodes=5)
    ring.remove_node("a")
    ring.remove_node("b")
    assert ring.token_count == 0
    assert ring.ownership() == {}
