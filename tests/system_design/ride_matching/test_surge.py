"""Surge: bounded, monotone in demand, calm on noise, and the simulation is repeatable."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.ride_matching.surge import (
    SurgeCell,
    SurgePolicy,
    WindowCounter,
    demand_supply_ratio,
    target_multiplier,
)
from examples.system_design.ride_matching.surge_demo import changes, simulate

counts = st.integers(0, 10_000)


def test_target_is_one_below_the_threshold_then_linear_then_capped() -> None:
    policy = SurgePolicy(threshold=2.0, slope=0.5, cap=3.0)
    assert target_multiplier(0.0, policy) == 1.0
    assert target_multiplier(2.0, policy) == 1.0
    assert target_multiplier(4.0, policy) == 2.0
    assert target_multiplier(100.0, policy) == 3.0


def test_no_drivers_means_an_unbounded_ratio() -> None:
    assert demand_supply_ratio(5, 0) == math.inf
    assert demand_supply_ratio(0, 0) == 0.0
    assert demand_supply_ratio(30, 10) == 3.0
    assert target_multiplier(math.inf, SurgePolicy()) == SurgePolicy().cap


@given(st.lists(st.tuples(counts, counts), min_size=1, max_size=60))
def test_published_price_stays_in_bounds_on_the_step_grid(intervals) -> None:
    policy = SurgePolicy()
    cell = SurgeCell(policy)
    previous = 1.0
    for demand, supply in intervals:
        price = cell.update(demand, supply)
        assert 1.0 <= price <= policy.cap
        assert round(price / policy.step, 6).is_integer()
        assert -policy.max_fall - 1e-9 <= price - previous <= policy.max_rise + 1e-9
        previous = price


@given(st.floats(0, 50), st.floats(0, 50))
def test_more_demand_never_lowers_the_target(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert target_multiplier(low, SurgePolicy()) <= target_multiplier(high, SurgePolicy())


def test_steady_load_converges_to_the_target() -> None:
    policy = SurgePolicy()
    cell = SurgeCell(policy)
    for _ in range(30):
        price = cell.update(demand=120, supply=30)  # ratio 4: target 1 + 0.4 * 2 = 1.8
    assert abs(price - 1.8) < policy.deadband


@given(st.lists(st.integers(-3, 3), min_size=10, max_size=60))
def test_noise_around_a_level_barely_moves_the_price(noise) -> None:
    cell = SurgeCell(SurgePolicy())
    for _ in range(20):
        cell.update(demand=120, supply=30)  # settle
    settled = cell.published
    prices = [cell.update(demand=120 + n, supply=30) for n in noise]
    assert all(abs(p - settled) <= 0.1 + 1e-9 for p in prices)


def test_without_hysteresis_the_same_noise_flaps() -> None:
    calm = SurgeCell(SurgePolicy())
    jumpy = SurgeCell(SurgePolicy(smoothing=1.0, deadband=0.0, max_rise=10, max_fall=10))
    demands = [100, 140] * 15  # ratio flips between 3.3 and 4.7
    calm_prices = [calm.update(d, 30) for d in demands]
    jumpy_prices = [jumpy.update(d, 30) for d in demands]
    assert changes([(p,) for p in jumpy_prices]) > 3 * changes([(p,) for p in calm_prices])


def test_the_simulation_is_seeded_and_hysteresis_cuts_changes() -> None:
    assert simulate(SurgePolicy()) == simulate(SurgePolicy())
    calm = simulate(SurgePolicy())
    jumpy = simulate(SurgePolicy(smoothing=1.0, deadband=0.0, max_rise=10, max_fall=10))
    assert changes(calm) < changes(jumpy)
    before = [price for minute, _, _, price in calm if minute < 15]
    during = [price for minute, _, _, price in calm if 18 <= minute < 30]
    assert max(before) == 1.0 and min(during) > 1.0


def test_window_counts_only_the_last_window() -> None:
    window = WindowCounter(window=5)
    for minute in range(10):
        window.add("cell", minute, count=minute)
    assert window.count("cell", 9) == 5 + 6 + 7 + 8 + 9
    assert window.count("cell", 20) == 0
    assert window.count("other", 9) == 0
    with pytest.raises(ValueError, match="time went backwards"):
        window.add("cell", 3)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SurgePolicy(cap=0.5), "cap must be at least 1"),
        (lambda: SurgePolicy(smoothing=0), r"smoothing must be in \(0, 1\]"),
        (lambda: SurgePolicy(deadband=-0.1), "deadband must be >= 0"),
        (lambda: SurgePolicy(step=0), "step must be positive"),
        (lambda: target_multiplier(-1, SurgePolicy()), "ratio must be >= 0"),
        (lambda: demand_supply_ratio(-1, 3), "demand and supply must be >= 0"),
        (lambda: WindowCounter(window=5, bucket=2), "positive multiple of bucket"),
        (lambda: WindowCounter(window=5).add("c", 1, count=-1), "count must be >= 0"),
    ],
)
def test_bad_input_is_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("surge_intervals", [3, 10])
def test_after_a_surge_the_price_returns_to_one_when_demand_is_gone(surge_intervals: int) -> None:
    cell = SurgeCell(SurgePolicy())
    for _ in range(surge_intervals):
        cell.update(demand=67, supply=10)  # ratio 6.7
    assert cell.published >= 2.0
    prices = [cell.update(demand=0, supply=25) for _ in range(60)]
    assert prices[-1] == 1.0


@pytest.mark.parametrize("published", [1.1, 1.2])
def test_one_or_two_steps_above_the_floor_still_fall_to_it(published: float) -> None:
    """From x1.2 the float gap to 1.0 is 0.19999999999999996, under the 0.2 band;
    from x1.1 the gap is 0.1: both must still reach the floor."""
    cell = SurgeCell(SurgePolicy())
    cell.published = published
    assert cell.update(demand=0, supply=25) == 1.0


@given(st.lists(st.tuples(counts, counts), max_size=60))
def test_any_history_then_calm_ends_at_one(intervals) -> None:
    cell = SurgeCell(SurgePolicy())
    for demand, supply in intervals:
        cell.update(demand, supply)
    for _ in range(40):
        price = cell.update(demand=0, supply=25)
    assert price == 1.0


@given(st.integers(0, 2**32 - 1), counts, st.integers(1, 10_000))
def test_a_steady_load_settles_within_the_dead_band_and_reaches_the_bounds(
    seed: int, demand: int, supply: int
) -> None:
    """Whatever came before, a steady load ends within the dead band of its target,
    and exactly at 1.0 or at the cap when the target is there."""
    policy = SurgePolicy()
    cell = SurgeCell(policy)
    rng = random.Random(seed)  # noqa: S311 -- repeatable data, not secrets
    for _ in range(20):
        cell.update(rng.randrange(0, 500), rng.randrange(0, 50))
    for _ in range(60):
        price = cell.update(demand, supply)
    target = target_multiplier(cell.smoothed_ratio, policy)
    if target in (1.0, policy.cap):
        assert price == target
    else:
        assert abs(price - target) < policy.deadband + 1e-9
