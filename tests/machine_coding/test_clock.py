"""The shared clock: production reads monotonic time, ManualClock moves only when told."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import pytest

from examples.machine_coding.clock import ManualClock, system_clock

BAD_STEPS = [-0.001, -1, math.nan, math.inf, -math.inf]


def test_the_production_clock_is_monotonic() -> None:
    assert system_clock is time.monotonic
    first = system_clock()
    assert system_clock() >= first


def test_starts_at_zero_by_default_and_stands_still() -> None:
    clock = ManualClock()
    assert clock() == clock() == 0.0


def test_starts_where_told_and_returns_floats() -> None:
    clock = ManualClock(start=100)
    assert clock() == 100.0
    assert isinstance(clock(), float)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_start_must_be_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="start must be a finite number of seconds"):
        ManualClock(bad)


def test_advance_moves_by_exact_amounts_and_zero_is_allowed() -> None:
    clock = ManualClock(10.0)
    clock.advance(2.5)
    assert clock() == 12.5
    clock.advance(0)
    assert clock() == 12.5
    clock.advance(30)
    assert clock() == 42.5


@pytest.mark.parametrize("bad", BAD_STEPS)
def test_advance_refuses_backward_or_non_finite_steps(bad: float) -> None:
    clock = ManualClock(5.0)
    with pytest.raises(ValueError, match="finite, non-negative"):
        clock.advance(bad)
    assert clock() == 5.0  # an error leaves the time where it was


def test_set_jumps_forward_and_to_the_same_instant() -> None:
    clock = ManualClock(5.0)
    clock.set(20)
    assert clock() == 20.0
    assert isinstance(clock(), float)
    clock.set(20.0)  # standing still is not going backwards
    assert clock() == 20.0


def test_set_refuses_the_past() -> None:
    clock = ManualClock(12.5)
    with pytest.raises(ValueError, match=r"do not go backwards: now=12\.5, asked for 12\.0"):
        clock.set(12.0)
    assert clock() == 12.5


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_set_refuses_non_finite_times(bad: float) -> None:
    clock = ManualClock(5.0)
    with pytest.raises(ValueError, match="finite time"):
        clock.set(bad)
    assert clock() == 5.0


class YieldingSeconds(float):
    """A number that gives up the GIL while it is added or compared.

    CPython 3.11 never switches threads inside `now += step` on plain floats,
    so an unlocked clock would pass a plain thread test anyway. Yielding in the
    middle of the read-modify-write makes a missing lock lose updates.
    """

    def __radd__(self, other: float) -> float:
        time.sleep(0)  # let another thread run between the read and the write
        return float(other) + float(self)

    def __lt__(self, other: float) -> bool:
        time.sleep(0)  # let another thread run between the check and the set
        return float(self) < other


def run_together(targets: list[Callable[[], None]]) -> None:
    """Start every target at the same moment and wait for all of them."""
    start = threading.Barrier(len(targets), timeout=30)

    def body(target: Callable[[], None]) -> None:
        start.wait()
        target()

    workers = [threading.Thread(target=body, args=(target,)) for target in targets]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)


def test_advance_from_many_threads_loses_no_step() -> None:
    clock = ManualClock(1.0)
    threads, steps = 8, 500
    step = YieldingSeconds(0.25)  # a power of two: every partial sum is exact

    def advance() -> None:
        for _ in range(steps):
            clock.advance(step)

    run_together([advance] * threads)
    assert clock() == 1.0 + threads * steps * 0.25


def test_racing_sets_never_move_time_backwards() -> None:
    clock = ManualClock()
    threads, steps = 8, 500
    went_back: list[tuple[float, float]] = []

    def set_many(offset: int) -> None:
        for n in range(steps):
            when = YieldingSeconds(n * threads + offset)  # the threads interleave
            try:
                clock.set(when)
            except ValueError:
                continue  # another thread is already later: refusing is right
            now = clock()
            if now < when:  # time moved back below a set that succeeded
                went_back.append((when, now))

    run_together([lambda offset=offset: set_many(offset) for offset in range(threads)])
    assert went_back == []
    assert clock() == threads * steps - 1  # the latest time anyone asked for
