"""The property that names consistent hashing, checked for every scheme that claims it.

After a node joins, each key keeps its node or moves to the new one; after a node
leaves, only the keys it held move. hash mod n is the counterexample.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning.hashing import NoNodesError, Partitioner
from examples.system_design.partitioning.measure import movement, owners, sample_keys
from examples.system_design.partitioning.modulo import ModuloPartitioner
from examples.system_design.partitioning.rendezvous import RendezvousHash
from examples.system_design.partitioning.ring import HashRing
from examples.system_design.partitioning.slots import SlotMap
from tests.system_design.partitioning.strategies import key_lists, node_names, node_sets

Factory = Callable[[list[str]], Partitioner]
CONSISTENT: dict[str, Factory] = {
    "ring": lambda nodes: HashRing(nodes, vnodes=8),
    "ring-1-vnode": lambda nodes: HashRing(nodes, vnodes=1),
    "rendezvous": RendezvousHash,
    "slots": lambda nodes: SlotMap(nodes, slots=64),
}
ALL: dict[str, Factory] = {**CONSISTENT, "modulo": ModuloPartitioner}


@pytest.mark.parametrize("build", CONSISTENT.values(), ids=CONSISTENT.keys())
@given(nodes=node_sets, new=node_names, keys=key_lists)
def test_after_a_join_a_key_stays_or_moves_to_the_new_node(build: Factory, nodes: list[str], new: str, keys) -> None:
    if new in nodes:
        nodes = [node for node in nodes if node != new] or ["other"]
    partitioner = build(nodes)
    before = owners(partitioner.node_for, keys)
    partitioner.add_node(new)
    for key in keys:
        assert partitioner.node_for(key) in (before[key], new)


@pytest.mark.parametrize("build", CONSISTENT.values(), ids=CONSISTENT.keys())
@given(nodes=st.lists(node_names, min_size=2, max_size=8, unique=True), data=st.data(), keys=key_lists)
def test_after_a_leave_only_the_leavers_keys_move(build: Factory, nodes: list[str], data, keys) -> None:
    gone = data.draw(st.sampled_from(nodes))
    partitioner = build(nodes)
    before = owners(partitioner.node_for, keys)
    partitioner.remove_node(gone)
    for key in keys:
        after = partitioner.node_for(key)
        assert after != gone
        if before[key] != gone:
            assert after == before[key]


@pytest.mark.parametrize("build", ALL.values(), ids=ALL.keys())
@given(nodes=node_sets, keys=key_lists)
def test_lookup_is_deterministic_and_names_a_member(build: Factory, nodes: list[str], keys) -> None:
    first, second = build(nodes), build(nodes)
    for key in keys:
        assert first.node_for(key) == first.node_for(key) == second.node_for(key)
        assert first.node_for(key) in nodes


@pytest.mark.parametrize(
    "build",
    [CONSISTENT["ring"], CONSISTENT["rendezvous"], ModuloPartitioner],
    ids=["ring", "rendezvous", "modulo-sorted"],
)
@given(nodes=node_sets, keys=key_lists, data=st.data())
def test_ring_and_rendezvous_do_not_depend_on_join_order(build: Factory, nodes: list[str], keys, data) -> None:
    # Two app servers that learned of the nodes in different orders must agree.
    # (hash mod n does depend on order; sorting the list first removes that.
    # A slot table depends on its history, so it is shared as data instead.)
    shuffled = data.draw(st.permutations(nodes))
    if build is ModuloPartitioner:
        nodes, shuffled = sorted(nodes), sorted(shuffled)
    one, other = build(list(nodes)), build(list(shuffled))
    assert [one.node_for(k) for k in keys] == [other.node_for(k) for k in keys]


def test_hash_mod_n_moves_keys_between_old_nodes() -> None:
    keys = sample_keys(2_000, seed=1)
    partitioner = ModuloPartitioner([f"node-{i}" for i in range(4)])
    before = owners(partitioner.node_for, keys)
    partitioner.add_node("node-4")
    change = movement(before, owners(partitioner.node_for, keys), new_nodes={"node-4"})
    assert change.fraction > 0.7  # about 4/5
    assert change.between_old_nodes > 1_000  # data copied between nodes that did not change


@pytest.mark.parametrize("name", ["ring", "rendezvous", "slots"])
def test_a_join_moves_about_one_over_n_plus_one(name: str) -> None:
    keys = sample_keys(5_000, seed=2)
    partitioner = {**CONSISTENT, "ring": lambda n: HashRing(n, vnodes=200)}[name]([f"node-{i}" for i in range(9)])
    before = owners(partitioner.node_for, keys)
    partitioner.add_node("node-9")
    change = movement(before, owners(partitioner.node_for, keys), new_nodes={"node-9"})
    assert 0.07 < change.fraction < 0.13  # ideal 0.10
    assert change.between_old_nodes == 0


@pytest.mark.parametrize("build", [HashRing, RendezvousHash, ModuloPartitioner, SlotMap], ids=lambda b: b.__name__)
def test_a_lookup_with_no_nodes_says_so(build: type) -> None:
    with pytest.raises(NoNodesError, match="add a node"):
        build().node_for("user:1")


@pytest.mark.parametrize("build", ALL.values(), ids=ALL.keys())
def test_membership_mistakes_are_refused(build: Factory) -> None:
    partitioner = build(["a", "b"])
    with pytest.raises(ValueError, match="already"):
        partitioner.add_node("a")
    with pytest.raises(ValueError, match="not"):
        partitioner.remove_node("zzz")
    with pytest.raises(ValueError, match="must not be empty"):
        partitioner.add_node("")
    with pytest.raises(TypeError, match="a key must be a str"):
        partitioner.node_for(42)  # type: ignore[arg-type]
    assert set(partitioner.nodes) == {"a", "b"}  # nothing half-changed
