"""The manual clock moves only forward and only when told."""

from __future__ import annotations

import pytest

from examples.machine_coding.parking_lot.clock import SYSTEM_CLOCK, ManualClock


def test_manual_clock_starts_where_told_and_advances() -> None:
    clock = ManualClock(start=100.0)
    assert clock() == 100.0
    clock.advance(30)
    clock.advance(0)
    assert clock() == 130.0


def test_manual_clock_refuses_to_go_backwards() -> None:
    clock = ManualClock()
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    assert clock() == 0.0


def test_system_clock_never_goes_backwards() -> None:
    first = SYSTEM_CLOCK()
    assert SYSTEM_CLOCK() >= first
