"""Haversine distance and the brute-force nearest scan that every index is checked against."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.ride_matching.distance import (
    EARTH_RADIUS_M,
    REDIS_EARTH_RADIUS_M,
    Match,
    haversine_m,
    nearest_brute_force,
)

lats = st.floats(-90, 90)
lons = st.floats(-180, 180)


def test_one_degree_along_the_equator_is_the_radius_times_pi_over_180() -> None:
    assert haversine_m(0, 0, 0, 1) == pytest.approx(EARTH_RADIUS_M * math.pi / 180)
    assert haversine_m(0, 0, 0, 1) == pytest.approx(111_195, abs=1)


def test_half_way_round_and_pole_to_pole() -> None:
    half = math.pi * EARTH_RADIUS_M
    assert haversine_m(0, 0, 0, 180) == pytest.approx(half)
    assert haversine_m(90, 0, -90, 0) == pytest.approx(half)
    assert haversine_m(90, 0, 90, 137) == pytest.approx(0, abs=1e-6)  # one pole


def test_the_antimeridian_is_no_wall() -> None:
    assert haversine_m(0, 179.999, 0, -179.999) == pytest.approx(222.4, abs=0.1)


def test_the_radius_scales_every_distance() -> None:
    ours = haversine_m(12.97, 77.59, 12.93, 77.62)
    redis = haversine_m(12.97, 77.59, 12.93, 77.62, radius_m=REDIS_EARTH_RADIUS_M)
    assert redis / ours == pytest.approx(REDIS_EARTH_RADIUS_M / EARTH_RADIUS_M)


@given(lats, lons, lats, lons)
def test_distance_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    there, back = haversine_m(a, b, c, d), haversine_m(c, d, a, b)
    assert there == pytest.approx(back, abs=1e-6)
    assert 0 <= there <= math.pi * EARTH_RADIUS_M + 1e-6
    assert there >= EARTH_RADIUS_M * math.radians(abs(a - c)) - 1e-6  # at least the latitude gap


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ((91, 0), "latitude must be in [-90, 90], got 91"),
        ((float("nan"), 0), "latitude must be in [-90, 90], got nan"),
        ((0, -180.5), "longitude must be in [-180, 180], got -180.5"),
    ],
)
def test_points_off_the_globe_are_refused(point: tuple[float, float], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        haversine_m(*point, 0, 0)


def test_brute_force_sorts_by_distance_then_id_and_honors_the_radius() -> None:
    drivers = {"b": (0.0, 0.001), "a": (0.0, -0.001), "c": (0.0, 0.01), "far": (1.0, 1.0)}
    found = nearest_brute_force(drivers, 0.0, 0.0, k=3)
    assert [m.driver_id for m in found] == ["a", "b", "c"]  # a and b tie at 111 m
    assert found[0] == Match(pytest.approx(111.2, abs=0.1), "a")
    assert [m.driver_id for m in nearest_brute_force(drivers, 0, 0, k=5, within_m=200)] == ["a", "b"]
    assert nearest_brute_force({}, 0, 0, k=1) == []


def test_brute_force_needs_a_positive_k() -> None:
    with pytest.raises(ValueError, match="k must be at least 1, got 0"):
        nearest_brute_force({"a": (0, 0)}, 0, 0, k=0)
