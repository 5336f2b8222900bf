"""The exact minimum-transfer search, on cases small enough to check by hand."""

from __future__ import annotations

from collections import Counter

import pytest

from examples.machine_coding.splitwise.exact import MAX_USERS, min_transfers


@pytest.mark.parametrize(
    ("balances", "expected"),
    [
        ({}, 0),
        ({"a": 0}, 0),
        ({"a": 5, "b": -5}, 1),
        ({"a": 4_000, "b": 3_000, "c": 3_000, "d": -6_000, "e": -4_000}, 3),
        ({"a": 1, "b": 1, "c": 1, "d": -3}, 3),
        ({"a": 5, "b": -5, "c": 7, "d": -7, "e": 2, "f": -2}, 3),  # three independent pairs
        ({"a": 6, "b": 4, "c": -5, "d": -5}, 3),  # no zero-sum subgroup: n - 1
    ],
)
def test_min_transfers_known_cases(balances: dict[str, int], expected: int) -> None:
    assert min_transfers(balances) == expected


def test_min_transfers_refuses_unbalanced_input() -> None:
    with pytest.raises(ValueError, match="sum to zero"):
        min_transfers({"a": 5, "b": -4})


def test_min_transfers_refuses_large_groups() -> None:
    balances = {f"u{i}": 1 for i in range(MAX_USERS)}
    balances["last"] = -MAX_USERS
    with pytest.raises(ValueError, match="exponential"):
        min_transfers(balances)


def balances_from(transactions: list[tuple[int, int, int]]) -> dict[str, int]:
    """[giver, receiver, amount] rows, as LeetCode 465 writes them: the giver is owed."""
    owed: Counter[str] = Counter()
    for giver, receiver, amount in transactions:
        owed[str(giver)] += amount
        owed[str(receiver)] -= amount
    return dict(owed)


@pytest.mark.parametrize(
    ("transactions", "expected"),
    [
        ([(0, 1, 10), (2, 0, 5)], 2),  # LeetCode 465, example 1
        ([(0, 1, 10), (1, 0, 1), (1, 2, 5), (2, 0, 5)], 1),  # LeetCode 465, example 2
    ],
)
def test_min_transfers_on_the_leetcode_examples(transactions: list[tuple[int, int, int]], expected: int) -> None:
    assert min_transfers(balances_from(transactions)) == expected
