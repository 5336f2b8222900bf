"""The quadtree's nearest-k equals the brute-force scan's, whatever the points and moves."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.ride_matching.distance import haversine_m, nearest_brute_force
from examples.system_design.ride_matching.quadtree import (
    BOUND_SLACK_M,
    QuadTree,
    _Node,
    box_lower_bound_m,
)

lats = st.floats(-90, 90)
lons = st.floats(-180, 180)
points = st.tuples(lats, lons)
# Points on the globe, plus clusters near the places a flat index gets wrong.
hot_spots = st.sampled_from([(0.0, 180.0), (0.0, -180.0), (89.99, 0.0), (-89.99, 90.0), (0.0, 0.0)])
near_edges = st.builds(
    lambda spot, dlat, dlon: (max(-90.0, min(90.0, spot[0] + dlat)), max(-180.0, min(180.0, spot[1] + dlon))),
    hot_spots,
    st.floats(-0.05, 0.05),
    st.floats(-0.05, 0.05),
)
any_point = st.one_of(points, near_edges)


@settings(max_examples=200, deadline=None)
@given(
    fleet=st.lists(any_point, max_size=120),
    queries=st.lists(any_point, min_size=1, max_size=5),
    k=st.integers(1, 8),
    capacity=st.integers(1, 6),
    within=st.one_of(st.just(math.inf), st.floats(1, 3e6)),
)
def test_nearest_k_equals_brute_force(fleet, queries, k, capacity, within) -> None:
    drivers = {f"d{i}": p for i, p in enumerate(fleet)}
    tree = QuadTree(capacity=capacity)
    for driver_id, (lat, lon) in drivers.items():
        tree.upsert(driver_id, lat, lon)
    assert len(tree) == len(drivers)
    for lat, lon in queries:
        assert tree.nearest(lat, lon, k, within) == nearest_brute_force(drivers, lat, lon, k, within)


@settings(max_examples=100, deadline=None)
@given(
    fleet=st.lists(any_point, min_size=1, max_size=60),
    steps=st.lists(st.tuples(st.integers(0, 59), st.one_of(any_point, st.none())), max_size=80),
    query=any_point,
)
def test_moves_and_removals_keep_it_equal_to_brute_force(fleet, steps, query) -> None:
    drivers = {f"d{i}": p for i, p in enumerate(fleet)}
    tree = QuadTree(capacity=2)
    for driver_id, (lat, lon) in drivers.items():
        tree.upsert(driver_id, lat, lon)
    for index, where in steps:
        driver_id = f"d{index % len(fleet)}"
        if where is None:
            if driver_id in drivers:
                tree.remove(driver_id)
                del drivers[driver_id]
        else:
            tree.upsert(driver_id, *where)
            drivers[driver_id] = where
    assert len(tree) == len(drivers)
    assert tree.nearest(*query, k=5) == nearest_brute_force(drivers, *query, 5)


@settings(max_examples=300)
@given(
    lat_a=lats, lat_b=lats, lon_a=lons, lon_b=lons,
    query=any_point, inside=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
def test_the_box_bound_never_exceeds_a_real_distance(lat_a, lat_b, lon_a, lon_b, query, inside) -> None:
    box = _Node(min(lat_a, lat_b), max(lat_a, lat_b), min(lon_a, lon_b), max(lon_a, lon_b), 0)
    lat = box.lat_min + inside[0] * (box.lat_max - box.lat_min)
    lon = box.lon_min + inside[1] * (box.lon_max - box.lon_min)
    lat, lon = min(lat, box.lat_max), min(lon, box.lon_max)
    assert box_lower_bound_m(*query, box) <= haversine_m(*query, lat, lon)


def test_the_bound_is_tight_nearby() -> None:
    box = _Node(12.9, 13.0, 77.6, 77.7, 0)
    west = haversine_m(12.95, 77.59, 12.95, 77.6)  # 1.08 km west of the box
    assert box_lower_bound_m(12.95, 77.59, box) == pytest.approx(west - BOUND_SLACK_M, abs=1)
    assert box_lower_bound_m(12.95, 77.65, box) == 0  # inside


def test_a_city_search_measures_a_small_share_of_the_fleet() -> None:
    rng = random.Random(3)  # noqa: S311 -- repeatable data, not secrets
    drivers = {f"d{i}": (rng.uniform(12.8, 13.2), rng.uniform(77.4, 77.8)) for i in range(5_000)}
    tree = QuadTree()
    for driver_id, (lat, lon) in drivers.items():
        tree.upsert(driver_id, lat, lon)
    search = tree.search(12.97, 77.59, k=5)
    assert search.matches == nearest_brute_force(drivers, 12.97, 77.59, 5)
    assert search.examined < len(drivers) / 20


def test_many_drivers_on_one_spot_stop_splitting_at_max_depth() -> None:
    tree = QuadTree(capacity=1)
    for i in range(50):
        tree.upsert(f"d{i}", 12.97, 77.59)  # a taxi stand
    found = tree.nearest(12.97, 77.59, k=50)
    assert [m.driver_id for m in found] == sorted(f"d{i}" for i in range(50))
    assert {m.distance_m for m in found} == {0.0}


def test_remove_and_bad_input() -> None:
    tree = QuadTree()
    tree.upsert("a", 1, 1)
    with pytest.raises(KeyError):
        tree.remove("ghost")
    with pytest.raises(ValueError, match="capacity must be at least 1"):
        QuadTree(capacity=0)
    with pytest.raises(ValueError, match="k must be at least 1"):
        tree.nearest(0, 0, k=0)
    with pytest.raises(ValueError, match="latitude"):
        tree.upsert("a", 100, 0)
    assert tree.nearest(1, 1, k=1)[0].driver_id == "a"  # the refused move changed nothing
    tree.remove("a")
    assert "a" not in tree
    assert tree.nearest(0, 0, k=3) == []
