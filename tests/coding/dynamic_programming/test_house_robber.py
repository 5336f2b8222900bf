"""House robber: the four versions agree, and only the memoized one runs out of stack."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.house_robber import (
    house_robber,
    house_robber_brute_force,
    house_robber_memo,
    house_robber_table,
)

STREETS = st.lists(st.integers(-20, 50), max_size=16)


@settings(max_examples=200, deadline=None)
@given(STREETS)
def test_every_step_agrees_with_plain_recursion(values: list[int]) -> None:
    expected = house_robber_brute_force(values)
    assert house_robber_memo(values) == expected
    assert house_robber_table(values) == expected
    assert house_robber(values) == expected


@settings(max_examples=100, deadline=None)
@given(STREETS)
def test_never_takes_neighbors(values: list[int]) -> None:
    # Any total from non-adjacent houses is at most the answer.
    assert house_robber(values) >= sum(v for v in values[::2] if v > 0)


def test_memo_hits_the_recursion_limit_and_the_loops_do_not() -> None:
    street = [1] * 1_000
    with pytest.raises(RecursionError):
        house_robber_memo(street)
    assert house_robber_table(street) == house_robber(street) == 500
    assert house_robber_memo(street[:300]) == 150


def deepest_chain(cached: bool) -> int:
    """The longest chain f(n) -> f(n - 1) -> ... -> f(0) that fits under the recursion limit here."""

    def chain(depth: int) -> int:
        return 0 if depth == 0 else chain(depth - 1)

    if cached:
        chain = cache(chain)
    low, high = 0, 5_000  # the largest depth that works lies in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        try:
            chain(middle)
            low = middle
        except RecursionError:
            high = middle
        if cached:
            chain.cache_clear()
    return low


def test_a_cached_level_costs_two_units_of_the_recursion_limit() -> None:
    # On CPython 3.11 the call into the cache wrapper counts once and the
    # function's own frame once more; a plain call counts once. Measured from
    # the same point in the stack, the cached chain reaches half as deep.
    plain, cached = deepest_chain(cached=False), deepest_chain(cached=True)
    assert abs(2 * cached - plain) <= 3, (plain, cached)
