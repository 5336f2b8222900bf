"""N-queens against all n^n placements, and the node counts of the pruning demo."""

from __future__ import annotations

import pytest

from examples.coding.backtracking.n_queens import (
    count_n_queens,
    count_n_queens_bitmask,
    count_nodes,
    solve_n_queens,
    solve_n_queens_brute_force,
)

KNOWN_COUNTS = [1, 1, 0, 0, 2, 10, 4, 40, 92]  # n = 0..8, OEIS A000170


@pytest.mark.parametrize("n", range(7))
def test_boards_match_brute_force(n: int) -> None:
    assert solve_n_queens(n) == solve_n_queens_brute_force(n)  # both by column of row 0, 1, ...


@pytest.mark.parametrize("n", range(9))
def test_counts(n: int) -> None:
    assert count_n_queens(n) == len(solve_n_queens(n)) == KNOWN_COUNTS[n]
    assert count_n_queens_bitmask(n) == KNOWN_COUNTS[n]


@pytest.mark.parametrize("n", range(1, 6))
def test_unpruned_tree_has_every_node(n: int) -> None:
    nodes, solutions = count_nodes(n, prune=False)
    assert nodes == sum(n**k for k in range(n + 1))
    assert solutions == KNOWN_COUNTS[n]
    pruned, same = count_nodes(n, prune=True)
    assert same == solutions
    assert pruned < nodes or n == 1


@pytest.mark.parametrize(
    "function", [solve_n_queens, count_n_queens, count_n_queens_bitmask, solve_n_queens_brute_force]
)
def test_refuses_negative_n(function) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        function(-1)
