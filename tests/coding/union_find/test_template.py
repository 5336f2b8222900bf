"""DisjointSet and KeyedDisjointSet against a model that relabels whole sets."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.union_find.template import DisjointSet, KeyedDisjointSet

OPERATIONS = st.integers(0, 12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=40)
        if n
        else st.just([]),
    )
)


@settings(max_examples=200, deadline=None)
@given(OPERATIONS)
def test_matches_a_label_per_element_model(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, unions = case
    sets, label = DisjointSet(n), list(range(n))
    for a, b in unions:
        merged = sets.union(a, b)
        assert merged == (label[a] != label[b])
        old, new = label[a], label[b]
        label = [new if value == old else value for value in label]
        assert sets.count == len(set(label))
    for a in range(n):
        for b in range(n):
            assert sets.connected(a, b) == (label[a] == label[b])
        assert sets.size[sets.find(a)] == label.count(label[a])


@settings(max_examples=200, deadline=None)
@given(OPERATIONS)
def test_union_by_size_keeps_trees_shallow(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, unions = case
    sets = DisjointSet(n)
    for a, b in unions:
        sets.union(a, b)
    for x in range(n):
        depth = 0
        while sets.parent[x] != x:
            x, depth = sets.parent[x], depth + 1
        assert depth <= math.log2(n)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), max_size=30))
def test_keyed_matches_the_integer_version(unions: list[tuple[int, int]]) -> None:
    keyed: KeyedDisjointSet[int] = KeyedDisjointSet()
    plain = DisjointSet(11)
    for a, b in unions:
        assert keyed.union(a, b) == plain.union(a + 5, b + 5)
    seen = {x for pair in unions for x in pair}
    assert keyed.count == len({plain.find(x + 5) for x in seen})


def test_find_compresses_the_whole_path() -> None:
    sets = DisjointSet(4)
    sets.parent = [1, 2, 3, 3]  # a hand-made chain 0 -> 1 -> 2 -> 3
    assert sets.find(0) == 3
    assert sets.parent == [3, 3, 3, 3]


def test_keyed_counts_a_key_seen_once() -> None:
    emails: KeyedDisjointSet[str] = KeyedDisjointSet()
    emails.add("a")
    emails.add("a")
    assert emails.count == 1
    assert emails.find("b") == "b"
    assert emails.count == 2


def test_negative_size_is_rejected() -> None:
    with pytest.raises(ValueError, match="n must be"):
        DisjointSet(-1)
