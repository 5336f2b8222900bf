"""ManualClock moves only when told, and never backwards."""

from __future__ import annotations

import math
import time

import pytest

from examples.machine_coding.rate_limiter.clock import ManualClock, system_clock


def test_manual_clock_stands_still_until_moved() -> None:
    clock = ManualClock(10.0)
    assert clock() == clock() == 10.0
    clock.advance(2.5)
    assert clock() == 12.5
    clock.advance(0)
    assert clock() == 12.5
    clock.set(20)
    assert clock() == 20.0


@pytest.mark.parametrize("bad", [-0.1, math.inf, math.nan])
def test_advance_refuses_negative_or_non_finite_steps(bad: float) -> None:
    clock = ManualClock(5.0)
    with pytest.raises(ValueError, match="advance"):
        clock.advance(bad)
    assert clock() == 5.0


def test_set_refuses_the_past_and_non_finite_times() -> None:
    clock = ManualClock(5.0)
    with pytest.raises(ValueError, match="backwards"):
        clock.set(4.0)
    with pytest.raises(ValueError, match="finite"):
        clock.set(math.nan)
    assert clock() == 5.0


def test_start_must_be_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        ManualClock(math.inf)


def test_the_production_clock_is_monotonic() -> None:
    assert system_clock is time.monotonic
