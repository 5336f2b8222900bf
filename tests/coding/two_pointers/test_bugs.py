"""The buggy versions really fail the way the page says, and the fixed ones do not."""

from __future__ import annotations

import pytest

from examples.coding.two_pointers.bugs import pair_with_sum_le, remove_duplicates_last_kept, three_sum_unguarded
from examples.coding.two_pointers.pair_sum_sorted import pair_with_sum
from examples.coding.two_pointers.remove_duplicates import remove_duplicates
from examples.coding.two_pointers.three_sum import three_sum


def test_less_or_equal_reuses_one_element() -> None:
    assert pair_with_sum_le([2, 3, 5], 10) == (2, 2)
    assert pair_with_sum([2, 3, 5], 10) is None


def test_unguarded_skip_runs_off_the_end() -> None:
    with pytest.raises(IndexError):
        three_sum_unguarded([0, 0, 0])
    assert three_sum([0, 0, 0]) == [[0, 0, 0]]


def test_last_kept_write_pointer_loses_one() -> None:
    assert remove_duplicates_last_kept([1, 1, 2, 3]) == 2
    assert remove_duplicates([1, 1, 2, 3]) == 3
