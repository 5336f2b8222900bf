"""Redis GEOSEARCH against the brute-force scan on the same points, within Redis's precision.

Redis stores a position as a 52-bit geohash: 26 bits of longitude over 360
degrees and 26 of latitude over the Web Mercator range, +-85.05112878. It
measures with haversine on a sphere of 6,372,797.560856 m. So the check is
our haversine at that radius, allowing for where a stored point may sit:
anywhere in its cell, up to half a cell from the true point.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

import pytest
import redis

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.distance import REDIS_EARTH_RADIUS_M, haversine_m
from examples.system_design.ride_matching.geohash import decode, encode
from examples.system_design.ride_matching.quadtree import QuadTree
from tests.support.example_files import DOCS_DIR

LAT_LIMIT = 85.05112878  # EPSG:900913, as the GEOADD page lists
HALF_CELL_LAT_M = REDIS_EARTH_RADIUS_M * math.radians(2 * LAT_LIMIT / 2**26) / 2
HALF_CELL_LON_M = REDIS_EARTH_RADIUS_M * math.radians(360 / 2**26) / 2  # at the equator
# How far Redis's distance can be from ours: the stored point's offset, plus
# WITHDIST's rounding to 4 decimals.
TOLERANCE_M = math.hypot(HALF_CELL_LAT_M, HALF_CELL_LON_M) + 1e-4


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_ride_geo", redis_url) as session:
        yield session


def brute(drivers, lat, lon, radius_m):
    rows = ((haversine_m(lat, lon, *p, radius_m=REDIS_EARTH_RADIUS_M), d) for d, p in drivers.items())
    return sorted(row for row in rows if row[0] <= radius_m + TOLERANCE_M)


@pytest.mark.parametrize(
    ("name", "center", "spread_deg", "radius_m"),
    [
        ("Bengaluru", (12.97, 77.59), 0.2, 3_000),
        ("Fiji, across 180", (-17.0, 179.95), 0.1, 5_000),
        ("Tromso, 69.6 N", (69.65, 18.96), 0.3, 8_000),
        ("Quito, on the equator", (0.0, -78.5), 0.1, 2_000),
    ],
)
def test_geosearch_nearest_agrees_with_brute_force(rp, name, center, spread_deg, radius_m) -> None:
    r, p = rp
    rng = random.Random(name)  # noqa: S311 -- repeatable data, not secrets
    drivers = {}
    for i in range(2_000):
        lat = center[0] + rng.uniform(-spread_deg, spread_deg)
        lon = (center[1] + rng.uniform(-spread_deg, spread_deg) + 180) % 360 - 180
        drivers[f"d{i:04d}"] = (lat, lon)
    key = f"{p}drivers"
    r.geoadd(key, [x for d, (lat, lon) in drivers.items() for x in (lon, lat, d)])
    k = 5
    for _ in range(30):
        lat = center[0] + rng.uniform(-spread_deg, spread_deg)
        lon = (center[1] + rng.uniform(-spread_deg, spread_deg) + 180) % 360 - 180
        got = r.geosearch(
            key, longitude=lon, latitude=lat, radius=radius_m, unit="m", sort="ASC", count=k, withdist=True
        )
        expected = brute(drivers, lat, lon, radius_m)
        certain = [row for row in expected if row[0] <= radius_m - TOLERANCE_M]
        assert len(certain[:k]) <= len(got) <= len(expected[:k])
        for rank, (member, dist) in enumerate(got):
            assert abs(dist - expected[rank][0]) <= TOLERANCE_M, (name, rank)
            ours = haversine_m(lat, lon, *drivers[member], radius_m=REDIS_EARTH_RADIUS_M)
            assert abs(dist - ours) <= TOLERANCE_M
            # A different member than brute force's only on a near tie.
            assert ours <= expected[min(rank, len(expected) - 1)][0] + 2 * TOLERANCE_M


def test_geohash_is_the_standard_geohash_of_the_stored_position(rp) -> None:
    r, p = rp
    rng = random.Random(5)  # noqa: S311 -- repeatable data, not secrets
    key = f"{p}h"
    points = {f"p{i}": (rng.uniform(-LAT_LIMIT, LAT_LIMIT), rng.uniform(-180, 180)) for i in range(300)}
    r.geoadd(key, [x for d, (lat, lon) in points.items() for x in (lon, lat, d)])
    names = list(points)
    for name, text, (lon, lat) in zip(names, r.geohash(key, *names), r.geopos(key, *names), strict=True):
        assert text[:10] == encode(lat, lon, 10)
        assert text[10] == "0"  # geo.c: 52 bits fill 10 characters; the 11th is padding
        true_lat, true_lon = points[name]
        assert haversine_m(lat, lon, true_lat, true_lon) <= TOLERANCE_M
        c_lat, c_lon = decode(text[:10]).center
        assert haversine_m(c_lat, c_lon, true_lat, true_lon) < 2


def test_latitudes_past_the_mercator_limit_are_refused(rp) -> None:
    r, p = rp
    assert r.geoadd(f"{p}lim", [0.0, LAT_LIMIT, "edge"]) == 1
    with pytest.raises(redis.ResponseError, match="invalid longitude,latitude pair"):
        r.geoadd(f"{p}lim", [0.0, 85.06, "past"])


def test_redis_7_0_misses_what_the_quadtree_finds(rp) -> None:
    """The cases the page reports: a search from exactly 180 degrees, and over the pole."""
    r, p = rp
    key = f"{p}edges"
    r.geoadd(key, [-179.999, 0.0, "across-180", 0.0, 84.0, "n0", 180.0, 84.0, "n180"])
    tree = QuadTree(capacity=1)
    tree.upsert("across-180", 0.0, -179.999)
    tree.upsert("n0", 84.0, 0.0)
    tree.upsert("n180", 84.0, 180.0)
    assert r.geosearch(key, longitude=180.0, latitude=0.0, radius=5_000, unit="m") == []
    assert [m.driver_id for m in tree.nearest(0.0, 180.0, k=1, within_m=5_000)] == ["across-180"]
    over_pole = haversine_m(84.0, 0.0, 84.0, 180.0)
    assert over_pole < 1_500_000
    assert r.geosearch(key, longitude=0.0, latitude=84.0, radius=1_500, unit="km") == ["n0"]
    assert {m.driver_id for m in tree.nearest(84.0, 0.0, k=3, within_m=1_500_000)} == {"n0", "n180"}
    # A hair off 180 the same search works: the miss is the exact meridian.
    assert r.geosearch(key, longitude=179.9995, latitude=0.0, radius=5_000, unit="m") == ["across-180"]


def test_the_page_states_this_tolerance() -> None:
    page = " ".join((DOCS_DIR / "system-design" / "ride-matching" / "index.md").read_text("utf-8").split())
    assert f"half a cell's diagonal ({TOLERANCE_M:.2f} m)" in page
    assert f"scales every distance by {REDIS_EARTH_RADIUS_M / 6_371_008.8:.5f}" in page
