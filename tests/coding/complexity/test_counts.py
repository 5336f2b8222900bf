"""Operation counts match each growth class's arithmetic."""

from __future__ import annotations

import math

import pytest

from examples.coding.complexity.count_operations import comparisons_for, subsets_visited
from examples.coding.complexity.hash_collisions import checks_to_build


@pytest.mark.parametrize("n", [1, 2, 7, 64, 500])
def test_comparisons_per_class(n: int) -> None:
    counts = comparisons_for(n)
    assert counts["dict get"] == 1
    assert counts["bisect"] <= math.ceil(math.log2(n + 1))
    assert counts["all pairs"] == n * (n - 1) // 2
    assert math.lgamma(n + 1) / math.log(2) - 1e-9 <= counts["sort"] <= n * max(1, math.ceil(math.log2(n)))


@pytest.mark.parametrize("n", [0, 1, 5, 12])
def test_subsets(n: int) -> None:
    assert subsets_visited(n) == 2**n


@pytest.mark.parametrize("n", [10, 200])
def test_a_constant_hash_makes_inserts_linear(n: int) -> None:
    assert checks_to_build(n, collide=False) == 0
    assert checks_to_build(n, collide=True) >= n * (n - 1) // 2
