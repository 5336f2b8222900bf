"""The fake clock moves only forward and only when told."""

from __future__ import annotations

import math

import pytest

from examples.machine_coding.pub_sub.clock import FakeClock


def test_fake_clock_starts_where_told_and_advances() -> None:
    clock = FakeClock(start=5)
    assert clock() == 5.0
    clock.advance(2.5)
    clock.advance(0)
    assert clock() == 7.5


@pytest.mark.parametrize("seconds", [-1, math.nan, math.inf])
def test_fake_clock_refuses_to_go_back_or_jump_to_infinity(seconds: float) -> None:
    clock = FakeClock()
    with pytest.raises(ValueError, match="seconds must be finite and >= 0"):
        clock.advance(seconds)
    assert clock() == 0.0
