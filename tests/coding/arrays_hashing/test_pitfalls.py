"""The facts the bugs section relies on, pinned down."""

from __future__ import annotations

import pytest

from examples.coding.arrays_hashing.hashing_facts import (
    comparisons_to_build,
    set_order_under_seed,
)
from examples.coding.arrays_hashing.string_building import csv_line, csv_line_with_plus


@pytest.mark.parametrize("n", [50, 200])
def test_colliding_keys_cost_about_n_squared_over_2_comparisons(n: int) -> None:
    pairs = n * (n - 1) // 2
    comparisons = comparisons_to_build(n)
    # Every new key is compared with every key already in the table: the pairs.
    # CPython's probe mixes the hash's high bits into its first step; for hash 42
    # they are gone after one step, and from then on the probe visits each slot
    # at most once. So only the first slot can be visited twice: at most one
    # extra comparison per insertion, the small excess the page explains.
    assert pairs <= comparisons <= pairs + n
    assert comparisons > pairs  # the excess is real on this interpreter


def test_ten_times_the_keys_cost_about_a_hundred_times_the_comparisons() -> None:
    ratio = comparisons_to_build(400) / comparisons_to_build(40)
    assert 90 < ratio < 110


def test_a_fixed_seed_repeats_the_same_set_order() -> None:
    assert set_order_under_seed("7") == set_order_under_seed("7")


def test_different_seeds_can_give_different_set_orders() -> None:
    orders = {set_order_under_seed(str(seed)) for seed in range(1, 7)}
    assert len(orders) > 1


def test_size_change_during_dict_iteration_raises() -> None:
    table = {1: "a", 2: "b"}
    with pytest.raises(RuntimeError, match="changed size during iteration"):
        for key in table:
            table[key + 10] = "c"


@pytest.mark.parametrize("fields", [[], ["one"], ["a", "", "b"]])
def test_join_and_plus_build_the_same_line(fields: list[str]) -> None:
    assert csv_line(fields) == csv_line_with_plus(fields)
