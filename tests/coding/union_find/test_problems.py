"""Each canonical problem's optimal solution against its brute force, plus bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.union_find.accounts_merge import merge_accounts, merge_accounts_brute_force
from examples.coding.union_find.connected_components import count_components, count_components_brute_force
from examples.coding.union_find.islands_ii import islands_after_each, islands_after_each_brute_force
from examples.coding.union_find.kruskal import mst_weight, mst_weight_brute_force, mst_weight_prim
from examples.coding.union_find.redundant_connection import (
    redundant_connection,
    redundant_connection_brute_force,
)


def graphs(max_nodes: int, max_edges: int, weighted: bool = False) -> st.SearchStrategy:
    def edges_for(n: int) -> st.SearchStrategy:
        if n == 0:
            return st.tuples(st.just(0), st.just([]))
        node = st.integers(0, n - 1)
        edge = st.tuples(node, node, st.integers(-10, 10)) if weighted else st.tuples(node, node)
        return st.tuples(st.just(n), st.lists(edge.map(list), max_size=max_edges))

    return st.integers(0, max_nodes).flatmap(edges_for)


@settings(max_examples=200, deadline=None)
@given(graphs(12, 20))
def test_components_match_flood_fill(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert count_components(n, edges) == count_components_brute_force(n, edges)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(-4, 6), min_size=2, max_size=2), max_size=15))
def test_redundant_connection_matches_search(edges: list[list[int]]) -> None:
    assert redundant_connection(edges) == redundant_connection_brute_force(edges)


EMAILS = st.sampled_from([f"{letter}@x" for letter in "abcdefgh"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(EMAILS, max_size=3), max_size=7))
def test_accounts_merge_matches_repeated_merging(email_lists: list[list[str]]) -> None:
    # One name for everyone: an email can then never carry two names.
    accounts = [["Sam", *emails] for emails in email_lists]
    assert merge_accounts(accounts) == merge_accounts_brute_force(accounts)


@settings(max_examples=200, deadline=None)
@given(graphs(6, 9, weighted=True))
def test_kruskal_prim_and_all_spanning_trees_agree(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    assert mst_weight(n, edges) == mst_weight_prim(n, edges) == mst_weight_brute_force(n, edges)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.tuples(
                st.just(rows),
                st.just(cols),
                st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1)).map(list), max_size=20),
            )
        )
    )
)
def test_islands_match_recounting(grid: tuple[int, int, list[list[int]]]) -> None:
    rows, cols, positions = grid
    assert islands_after_each(rows, cols, positions) == islands_after_each_brute_force(rows, cols, positions)


def test_accounts_with_one_email_under_two_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="belongs to both"):
        merge_accounts([["Ann", "a@x"], ["Bob", "a@x"]])


def test_accounts_input_is_not_changed() -> None:
    accounts = [["Ann", "b@x", "a@x"], ["Ann", "a@x"]]
    merge_accounts(accounts)
    assert accounts == [["Ann", "b@x", "a@x"], ["Ann", "a@x"]]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: count_components(2, [[0, 2]]), "outside"),
        (lambda: count_components(-1, []), "n must be"),
        (lambda: mst_weight(2, [[0, -1, 3]]), "outside"),
        (lambda: islands_after_each(2, 2, [[0, 2]]), "outside"),
        (lambda: islands_after_each(-1, 2, []), "at least"),
    ],
)
def test_bad_input_is_rejected(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
