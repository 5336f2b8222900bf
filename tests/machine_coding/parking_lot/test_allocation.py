"""Allocation strategies choose the right size pool, or none."""

from __future__ import annotations

import pytest

from examples.machine_coding.parking_lot.allocation import AllocationStrategy, BestFit, NearestFirst
from examples.machine_coding.parking_lot.free_spots import HeapFreeSpots
from examples.machine_coding.parking_lot.models import Spot, SpotSize, VehicleType

S, R, L = SpotSize.SMALL, SpotSize.REGULAR, SpotSize.LARGE


def test_nearest_first_takes_a_lower_level_even_if_the_spot_is_bigger() -> None:
    free = HeapFreeSpots([Spot(0, 1, L), Spot(1, 1, R)])
    assert NearestFirst().choose_size(VehicleType.CAR, free) == L


def test_nearest_first_prefers_the_smaller_spot_on_the_same_level() -> None:
    free = HeapFreeSpots([Spot(0, 2, L), Spot(0, 9, S), Spot(0, 5, R)])
    assert NearestFirst().choose_size(VehicleType.MOTORCYCLE, free) == S


def test_best_fit_takes_the_smallest_size_that_fits_wherever_it_is() -> None:
    free = HeapFreeSpots([Spot(0, 1, L), Spot(3, 1, R)])
    assert BestFit().choose_size(VehicleType.CAR, free) == R
    assert BestFit().choose_size(VehicleType.MOTORCYCLE, free) == R


@pytest.mark.parametrize("strategy", [NearestFirst(), BestFit()], ids=["nearest", "best-fit"])
def test_no_fitting_spot_means_none(strategy: AllocationStrategy) -> None:
    free = HeapFreeSpots([Spot(0, 1, S), Spot(0, 2, R)])
    assert strategy.choose_size(VehicleType.VAN, free) is None
    assert strategy.choose_size(VehicleType.CAR, HeapFreeSpots([])) is None


@pytest.mark.parametrize("strategy", [NearestFirst(), BestFit()], ids=["nearest", "best-fit"])
def test_choosing_takes_nothing(strategy: AllocationStrategy) -> None:
    free = HeapFreeSpots([Spot(0, 1, R)])
    strategy.choose_size(VehicleType.CAR, free)
    assert free.count(R) == 1
