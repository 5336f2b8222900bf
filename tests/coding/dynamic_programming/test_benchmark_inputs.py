"""The benchmark's inputs are what its docstring and the page say they are."""

from __future__ import annotations

import pytest

from benchmarks.coding.dynamic_programming import count_ways_one_digit, text_of_words
from examples.coding.dynamic_programming.coin_ways import count_ways
from examples.coding.dynamic_programming.word_break import word_break


@pytest.mark.parametrize("size", [100, 1_000, 100_000])
def test_word_break_text_has_the_size_and_no_split(size: int) -> None:
    text, words = text_of_words(size)
    assert len(text) == size
    assert word_break(text, words) is False


@pytest.mark.parametrize("amount", [0, 7, 1_000, 10_000])
def test_one_digit_control_counts_the_same_ways_mod_2_to_the_29(amount: int) -> None:
    coins = [1, 5, 10, 25, 50]
    assert count_ways_one_digit(coins, amount) == count_ways(coins, amount) % 2**29
