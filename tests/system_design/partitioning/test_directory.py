"""Directory: placement by load, single-tenant moves, versions, and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning.directory import Directory
from examples.system_design.partitioning.hashing import NoNodesError

sizes = st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=30)


@given(sizes=sizes)
def test_placement_goes_to_the_lightest_node_and_loads_add_up(sizes: list[int]) -> None:
    directory = Directory(["a", "b", "c"])
    for i, size in enumerate(sizes):
        lightest = min(directory.load().values())
        node = directory.place(f"t{i}", size=size)
        assert directory.load()[node] - size == lightest
    assert sum(directory.load().values()) == sum(sizes)


def test_a_move_changes_one_tenant_and_bumps_the_version() -> None:
    directory = Directory(["a", "b"])
    directory.place("acme", size=10)
    directory.place("globex", size=5)
    version = directory.version
    assert directory.move("acme", "b") == "a"
    assert directory.node_for("acme") == "b"
    assert directory.node_for("globex") == "b"
    assert directory.load() == {"a": 0, "b": 15}
    assert directory.version == version + 1


def test_refusals_say_what_is_wrong() -> None:
    directory = Directory()
    with pytest.raises(NoNodesError, match="add a node"):
        directory.place("acme")
    directory.add_node("a")
    directory.place("acme", size=3)
    with pytest.raises(LookupError, match="'nobody' is not in the directory"):
        directory.node_for("nobody")
    with pytest.raises(ValueError, match="already placed on 'a'"):
        directory.place("acme")
    with pytest.raises(ValueError, match="'z' is not a member"):
        directory.move("acme", "z")
    with pytest.raises(ValueError, match="still holds tenants"):
        directory.remove_node("a")
    with pytest.raises(ValueError, match="size must be at least 1"):
        directory.place("globex", size=0)
    with pytest.raises(ValueError, match="already a member"):
        directory.add_node("a")
    assert directory.node_for("acme") == "a"
    assert directory.load() == {"a": 3}


def test_an_empty_node_can_leave() -> None:
    directory = Directory(["a", "b"])
    directory.remove_node("b")
    assert directory.nodes == ("a",)
    with pytest.raises(ValueError, match="not a member"):
        directory.remove_node("b")
