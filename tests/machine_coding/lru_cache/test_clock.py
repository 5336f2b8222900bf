"""The manual clock moves only forward and only when told."""

from __future__ import annotations

import math

import pytest

from examples.machine_coding.lru_cache.clock import ManualClock


def test_starts_where_told_and_advances_by_exact_amounts() -> None:
    clock = ManualClock(start=100)
    assert clock() == 100.0
    clock.advance(2.5)
    clock.advance(0)
    assert clock() == 102.5


@pytest.mark.parametrize("bad", [-0.001, math.nan, math.inf])
def test_refuses_to_go_backward_or_to_infinity(bad: float) -> None:
    clock = ManualClock(start=5)
    with pytest.raises(ValueError, match="finite, non-negative"):
        clock.advance(bad)
    assert clock() == 5.0  # unchanged after the error
