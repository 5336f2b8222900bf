"""The measuring helpers and the baseline partitioner."""

from __future__ import annotations

import pytest

from examples.system_design.partitioning.hashing import stable_hash
from examples.system_design.partitioning.measure import (
    load_by_node,
    movement,
    sample_keys,
    spread,
)
from examples.system_design.partitioning.modulo import ModuloPartitioner


def test_sample_keys_are_distinct_and_repeatable() -> None:
    keys = sample_keys(500, seed=9)
    assert len(set(keys)) == 500
    assert keys == sample_keys(500, seed=9)
    assert keys != sample_keys(500, seed=10)


def test_movement_counts_moves_and_strays() -> None:
    before = {"k1": "a", "k2": "a", "k3": "b", "k4": "b"}
    after = {"k1": "a", "k2": "c", "k3": "a", "k4": "b"}
    change = movement(before, after, new_nodes={"c"})
    assert (change.keys, change.moved, change.between_old_nodes) == (4, 2, 1)
    assert change.fraction == 0.5


def test_movement_refuses_mismatched_maps() -> None:
    with pytest.raises(ValueError, match="same keys"):
        movement({"k": "a"}, {"j": "a"}, set())
    with pytest.raises(ValueError, match="no keys"):
        movement({}, {}, set())


def test_spread_of_known_loads() -> None:
    assert spread([5, 5, 5, 5]) == spread([1, 1])
    assert spread([5, 5, 5, 5]).max_over_mean == 1.0
    uneven = spread([2, 0])
    assert (uneven.max_over_mean, uneven.cv) == (2.0, 1.0)
    with pytest.raises(ValueError, match="at least two nodes"):
        spread([3])
    with pytest.raises(ValueError, match="more than zero"):
        spread([0, 0])


def test_load_by_node_lists_idle_nodes_too() -> None:
    loads = load_by_node(lambda key: "a", ["x", "y", "x"], ["a", "b"])
    assert loads == {"a": 3, "b": 0}


def test_modulo_is_hash_mod_n_in_list_order() -> None:
    nodes = ["z", "y", "x"]
    partitioner = ModuloPartitioner(nodes)
    for key in sample_keys(50, seed=1):
        assert partitioner.node_for(key) == nodes[stable_hash(key) % 3]
