"""The fitting rule and the value objects."""

from __future__ import annotations

import pytest

from examples.machine_coding.parking_lot.models import (
    Spot,
    SpotSize,
    Vehicle,
    VehicleType,
    fits,
    sizes_that_fit,
)

S, R, L = SpotSize.SMALL, SpotSize.REGULAR, SpotSize.LARGE


@pytest.mark.parametrize(
    ("vehicle_type", "allowed"),
    [
        (VehicleType.MOTORCYCLE, {S, R, L}),
        (VehicleType.CAR, {R, L}),
        (VehicleType.VAN, {L}),
    ],
)
def test_a_vehicle_fits_its_size_and_every_bigger_one(vehicle_type: VehicleType, allowed: set[SpotSize]) -> None:
    assert {size for size in SpotSize if fits(vehicle_type, size)} == allowed
    assert sizes_that_fit(vehicle_type) == sorted(allowed)


def test_min_spot_is_the_smallest_fitting_size() -> None:
    assert [t.min_spot for t in VehicleType] == [S, R, L]


@pytest.mark.parametrize("plate", ["", "   ", None, 42])
def test_a_vehicle_needs_a_real_plate(plate: object) -> None:
    with pytest.raises(ValueError, match="plate"):
        Vehicle(plate, VehicleType.CAR)  # type: ignore[arg-type]


def test_a_vehicle_needs_a_vehicle_type() -> None:
    with pytest.raises(TypeError, match="VehicleType"):
        Vehicle("KA-1", "car")  # type: ignore[arg-type]


def test_spots_sort_nearest_first_and_have_labels() -> None:
    spots = [Spot(1, 1, S), Spot(0, 12, L), Spot(0, 3, R)]
    assert [s.label for s in sorted(spots)] == ["L0-003", "L0-012", "L1-001"]


def test_values_are_immutable() -> None:
    vehicle = Vehicle("KA-1", VehicleType.CAR)
    with pytest.raises(AttributeError):
        vehicle.plate = "other"  # type: ignore[misc]
