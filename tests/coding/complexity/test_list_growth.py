"""The restated list_resize() rule predicts what sys.getsizeof shows on this interpreter."""

from __future__ import annotations

import platform
import struct
import sys

import pytest

from examples.coding.complexity.list_growth import capacities_seen, capacity, predicted_capacity

pytestmark = pytest.mark.skipif(
    platform.python_implementation() != "CPython" or sys.version_info < (3, 9) or struct.calcsize("P") != 8,
    reason="the rule is CPython's (3.9 and later) on a 64-bit build",
)


def test_appends_follow_the_rule() -> None:
    values: list[int] = []
    allocated = 0
    for number in range(20_000):
        allocated = predicted_capacity(len(values) + 1, len(values), allocated)
        values.append(number)
        assert capacity(values) == allocated, f"after {len(values)} appends"


def test_pops_shrink_by_the_same_rule() -> None:
    values = list(range(5_000))
    allocated = capacity(values)
    while values:
        allocated = predicted_capacity(len(values) - 1, len(values), allocated)
        values.pop()
        assert capacity(values) == allocated, f"at length {len(values)}"


def test_the_growth_comment_in_listobject_c() -> None:
    assert capacities_seen(65) == [0, 4, 8, 16, 24, 32, 40, 52, 64, 76]
