"""Nanosecond ticks: exact rounding on the way in, waits that arrive on the way out."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.rate_limiter.ticks import ceil_div, seconds_until, to_ticks, window_start
from tests.machine_coding.rate_limiter.exact_models import NS, to_ns

clock_readings = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12),
    st.floats(min_value=-1e-6, max_value=1e-6),
    st.sampled_from([0.0, -0.0, 0.1, 0.3, 1 / 3, 12_345.678, 1e9 + 0.5, 2.0**33 + 0.1]),
)


@pytest.mark.parametrize(
    ("seconds", "ticks"),
    [
        (0.0, 0),
        (0.3, 300_000_000),  # the float is 0.29999999999999998890: nearest, not floor
        (0.1 + 0.2, 300_000_000),  # 0.30000000000000004 reads as the same nanosecond
        (16.999999999999996, 17_000_000_000),
        (1 / 1024, 976_563),  # 976562.5 ns exactly: halves round up
        (-1 / 1024, -976_562),
        (1e-9, 1),
        (0.49e-9, 0),
        (1e9 + 0.5, 1_000_000_000_500_000_000),
    ],
)
def test_to_ticks_rounds_to_the_nearest_nanosecond(seconds: float, ticks: int) -> None:
    assert to_ticks(seconds) == ticks


@settings(max_examples=500, deadline=None)
@given(seconds=clock_readings)
def test_to_ticks_is_exact_rounding_of_the_float(seconds: float) -> None:
    assert to_ticks(seconds) == to_ns(seconds)  # the Fraction-based specification


@settings(max_examples=500, deadline=None)
@given(a=clock_readings, b=clock_readings)
def test_to_ticks_never_runs_backwards(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert to_ticks(low) <= to_ticks(high)


@settings(max_examples=1000, deadline=None)
@given(now=clock_readings, ahead=st.one_of(st.integers(-3, 3), st.integers(-(10**13), 10**13)))
def test_seconds_until_arrives_at_the_tick_and_not_much_later(now: float, ahead: int) -> None:
    tick = to_ticks(now) + ahead
    wait = seconds_until(now, tick)
    if ahead <= 0:
        assert wait == 0.0
        return
    assert wait > 0
    arrival = now + wait  # the float addition a caller does
    assert to_ticks(arrival) >= tick
    late = Fraction(arrival) - Fraction(tick, NS)
    assert late <= Fraction(1, NS) + 2 * Fraction(math.ulp(arrival))


def test_seconds_until_takes_the_slow_path_when_the_sum_rounds_short() -> None:
    # At 1e9 s a float moves in steps of 119 ns: 1 ns later is not representable.
    now = 1e9 + 0.5
    wait = seconds_until(now, to_ticks(now) + 1)
    assert wait > 0
    assert to_ticks(now + wait) > to_ticks(now)
    assert now + wait == math.nextafter(now, math.inf)  # the next float the clock can read


@pytest.mark.parametrize(("tick", "start"), [(0, 0), (299, 0), (300, 300), (-1, -300), (-300, -300)])
def test_window_start_aligns_to_multiples_of_the_window(tick: int, start: int) -> None:
    assert window_start(tick, 300) == start


@pytest.mark.parametrize(("numerator", "denominator", "quotient"), [(0, 7, 0), (1, 7, 1), (7, 7, 1), (8, 7, 2)])
def test_ceil_div_rounds_up(numerator: int, denominator: int, quotient: int) -> None:
    assert ceil_div(numerator, denominator) == quotient
