"""Rendezvous hashing: the winner is the top bidder, replicas are the next bidders."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning.measure import load_by_node, sample_keys, spread
from examples.system_design.partitioning.rendezvous import RendezvousHash
from tests.system_design.partitioning.strategies import key_lists, keys, node_sets


@given(nodes=node_sets, keys=key_lists)
def test_node_for_is_the_highest_score(nodes: list[str], keys: list[str]) -> None:
    table = RendezvousHash(nodes)
    for key in keys:
        best = max(nodes, key=lambda node: (table.score(node, key), node))
        assert table.node_for(key) == best


@given(nodes=node_sets, key=keys, data=st.data())
def test_nodes_for_ranks_by_score_and_starts_with_the_owner(nodes: list[str], key: str, data) -> None:
    table = RendezvousHash(nodes)
    count = data.draw(st.integers(min_value=1, max_value=len(nodes)))
    ranked = table.nodes_for(key, count)
    scores = [table.score(node, key) for node in ranked]
    assert ranked[0] == table.node_for(key)
    assert len(set(ranked)) == count
    assert scores == sorted(scores, reverse=True)


@given(nodes=st.lists(st.sampled_from([f"n{i}" for i in range(12)]), min_size=2, max_size=8, unique=True), key=keys)
def test_when_the_owner_leaves_its_key_goes_to_the_runner_up(nodes: list[str], key: str) -> None:
    table = RendezvousHash(nodes)
    owner, runner_up = table.nodes_for(key, 2)
    table.remove_node(owner)
    assert table.node_for(key) == runner_up


def test_each_node_scores_with_its_own_function() -> None:
    table = RendezvousHash(["a", "b"])
    assert table.score("a", "k") != table.score("b", "k")
    assert RendezvousHash(["a"]).score("a", "k") == table.score("a", "k")  # stable


def test_long_node_names_work() -> None:
    name = "node-" + "x" * 200  # longer than a blake2b key may be
    table = RendezvousHash([name, "short"])
    assert table.node_for("k") in (name, "short")


def test_load_is_even_without_virtual_nodes() -> None:
    nodes = [f"node-{i}" for i in range(10)]
    keys = sample_keys(20_000, seed=4)
    loads = load_by_node(RendezvousHash(nodes).node_for, keys, nodes)
    assert spread(loads.values()).max_over_mean < 1.08  # only sampling noise


def test_nodes_for_refuses_bad_counts() -> None:
    table = RendezvousHash(["a", "b"])
    with pytest.raises(ValueError, match="asked for 3 nodes, there are 2"):
        table.nodes_for("k", 3)
    with pytest.raises(TypeError, match="count must be an int"):
        table.nodes_for("k", "2")  # type: ignore[arg-type]
