"""The generic template against itertools."""

from __future__ import annotations

from itertools import combinations, permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.template import backtrack


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 6), st.integers(0, 6))
def test_combinations_match_itertools(n: int, k: int) -> None:
    found = backtrack(
        choices=lambda path: range(path[-1] + 1 if path else 0, n) if len(path) < k else [],
        is_answer=lambda path: len(path) == k,
    )
    assert found == [list(c) for c in combinations(range(n), k)]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 5))
def test_permutations_match_itertools(n: int) -> None:
    found = backtrack(
        choices=lambda path: [i for i in range(n) if i not in path],
        is_answer=lambda path: len(path) == n,
    )
    assert found == [list(p) for p in permutations(range(n))]


def test_answers_are_copies() -> None:
    found = backtrack(choices=lambda path: [1] if not path else [], is_answer=lambda path: True)
    assert found == [[], [1]]
    assert found[0] is not found[1]
