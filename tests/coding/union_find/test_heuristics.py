"""The hop counts and the recursion failure the page shows, pinned down."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.union_find.heuristics import CountingForest, chain, doubling, find_recursive, hops


def depth(parent: list[int], x: int) -> int:
    steps = 0
    while parent[x] != x:
        x, steps = parent[x], steps + 1
    return steps


def test_naive_chain_costs_n_minus_one_hops_per_find() -> None:
    n = 300
    assert hops(n, chain(n), "naive", compress=False) == n * (n - 1)


def test_compression_pays_the_long_path_once() -> None:
    n = 300
    assert hops(n, chain(n), "naive", compress=True) == (n - 1) + (n - 1)


@pytest.mark.parametrize("link", ["rank", "size"])
def test_doubling_is_log_n_deep_without_compression(link: str) -> None:
    n = 256
    forest = CountingForest(n, link)
    for a, b in doubling(n):
        forest.union(a, b)
    assert depth(forest.parent, 0) == 8
    assert max(depth(forest.parent, x) for x in range(n)) == 8


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["rank", "size"]),
    st.lists(st.tuples(st.integers(0, 31), st.integers(0, 31)), max_size=80),
)
def test_rank_or_size_bounds_height_by_log2_n(link: str, unions: list[tuple[int, int]]) -> None:
    forest = CountingForest(32, link)
    for a, b in unions:
        forest.union(a, b)
    assert max(depth(forest.parent, x) for x in range(32)) <= math.log2(32)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["naive", "rank", "size"]),
    st.booleans(),
    st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=40),
)
def test_every_variant_gives_the_same_partition(link: str, compress: bool, unions: list[tuple[int, int]]) -> None:
    # The reference shares no code with CountingForest: one label per element,
    # and a union relabels the whole of one set.
    forest, label = CountingForest(16, link, compress), list(range(16))
    for a, b in unions:
        forest.union(a, b)
        old, new = label[a], label[b]
        label = [new if value == old else value for value in label]
    for a in range(16):
        assert forest.size[forest.find(a)] == label.count(label[a])
        for b in range(16):
            assert (forest.find(a) == forest.find(b)) == (label[a] == label[b])


def test_recursive_find_overflows_before_it_compresses() -> None:
    forest = CountingForest(5_000)
    for a, b in chain(5_000):
        forest.union(a, b)
    with pytest.raises(RecursionError):
        find_recursive(forest.parent, 0)
    assert forest.parent[0] == 1  # nothing was compressed


def test_recursive_find_is_fine_on_a_rank_tree() -> None:
    forest = CountingForest(5_000, "rank")
    for a, b in chain(5_000):
        forest.union(a, b)
    assert max(depth(forest.parent, x) for x in range(5_000)) == 1  # a star
    assert find_recursive(forest.parent, 0) == forest.find(4_999)


def test_unknown_link_is_rejected() -> None:
    with pytest.raises(ValueError, match="link must be"):
        CountingForest(3, "height")
