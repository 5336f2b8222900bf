"""SlotMap: slots stay put, whole slots move, and the table stays balanced."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning.hashing import stable_hash
from examples.system_design.partitioning.slots import SlotMap
from tests.system_design.partitioning.strategies import key_lists

POOL = [f"n{i}" for i in range(10)]
operations = st.lists(st.tuples(st.sampled_from(["add", "remove"]), st.sampled_from(POOL)), max_size=25)


def counts(table: SlotMap) -> list[int]:
    return [len(table.slots_of(node)) for node in table.nodes]


@given(slots=st.integers(min_value=1, max_value=300), ops=operations, keys=key_lists)
def test_any_history_keeps_every_slot_owned_and_counts_within_one(slots, ops, keys) -> None:
    table = SlotMap(["n0"], slots=slots)
    for op, node in ops:
        if op == "add" and node not in table.nodes:
            table.add_node(node)
        elif op == "remove" and node in table.nodes and len(table.nodes) > 1:
            table.remove_node(node)
        assert sum(counts(table)) == slots
        assert max(counts(table)) - min(counts(table)) <= 1
    for key in keys:
        assert table.node_for(key) in table.nodes
        assert table.slot_for(key) == stable_hash(key) % slots


@given(n=st.integers(min_value=1, max_value=9), slots=st.integers(min_value=10, max_value=2048))
def test_a_join_moves_exactly_its_fair_share_of_slots(n: int, slots: int) -> None:
    table = SlotMap([f"n{i}" for i in range(n)], slots=slots)
    moved = table.add_node("new")
    assert len(moved) == slots // (n + 1)
    assert table.slots_of("new") == moved


def test_a_leave_hands_over_only_the_leavers_slots() -> None:
    table = SlotMap(["a", "b", "c", "d"], slots=1024)
    before = {node: set(table.slots_of(node)) for node in table.nodes}
    handed = table.remove_node("b")
    assert set(handed) == before["b"]
    for node in ("a", "c", "d"):
        assert before[node] <= set(table.slots_of(node))  # kept all it had


def test_the_first_node_takes_every_slot() -> None:
    table = SlotMap(slots=8)
    assert table.add_node("a") == list(range(8))
    assert table.node_for("anything") == "a"


def test_the_last_node_cannot_leave() -> None:
    table = SlotMap(["a"], slots=8)
    with pytest.raises(ValueError, match="the last node"):
        table.remove_node("a")
    assert table.nodes == ("a",)


@pytest.mark.parametrize(("slots", "error"), [(0, ValueError), (1.5, TypeError)])
def test_bad_slot_counts_are_refused(slots: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="slots"):
        SlotMap(["a"], slots=slots)  # type: ignore[arg-type]
