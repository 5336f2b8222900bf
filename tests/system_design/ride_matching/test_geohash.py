"""Geohash: published test vectors, the round trip within the cell's error, neighbors that touch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.ride_matching.geohash import (
    BASE32,
    MAX_PRECISION,
    decode,
    encode,
    neighbors,
)

lats = st.floats(-90, 90)
lons = st.floats(-180, 180)
precisions = st.integers(1, MAX_PRECISION)


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (42.6, -5.6, "ezs42"),  # the example on Wikipedia and in Redis's own tests
        (57.64911, 10.40744, "u4pruydqqvj"),  # geohash.org's example
        (38.115556, 13.361389, "sqc8b49rny"),  # Palermo: Redis's GEOHASH gives sqc8b49rny0
        (37.502669, 15.087269, "sqdtr74hyu"),  # Catania: sqdtr74hyu0
    ],
)
def test_published_examples(lat: float, lon: float, expected: str) -> None:
    assert encode(lat, lon, len(expected)) == expected


def test_the_corners_of_the_world() -> None:
    assert encode(-90, -180, 4) == "0000"
    assert encode(90, 180, 4) == "zzzz"
    assert decode("0").contains(-90, -180)
    assert decode("z").contains(90, 180)


@given(lats, lons, precisions)
def test_round_trip_stays_within_the_cells_error(lat: float, lon: float, precision: int) -> None:
    cell = decode(encode(lat, lon, precision))
    c_lat, c_lon = cell.center
    assert cell.contains(lat, lon)
    assert abs(c_lat - lat) <= cell.lat_error
    assert abs(c_lon - lon) <= cell.lon_error
    lat_bits, lon_bits = 5 * precision // 2, (5 * precision + 1) // 2
    assert cell.lat_error == 90 / 2**lat_bits
    assert cell.lon_error == 180 / 2**lon_bits


@given(lats, lons, st.integers(1, MAX_PRECISION - 1))
def test_a_longer_hash_extends_the_shorter_one(lat: float, lon: float, precision: int) -> None:
    assert encode(lat, lon, precision + 1).startswith(encode(lat, lon, precision))


def _touches(a, b) -> bool:
    """Cells share an edge or a corner, counting longitude around the antimeridian."""
    lat_ok = a.lat_min <= b.lat_max and b.lat_min <= a.lat_max
    for shift in (-360.0, 0.0, 360.0):
        if a.lon_min <= b.lon_max + shift and b.lon_min + shift <= a.lon_max:
            return lat_ok
    return False


@given(lats, lons, st.integers(1, 8))
def test_neighbors_are_distinct_same_size_cells_that_touch(lat: float, lon: float, precision: int) -> None:
    home = encode(lat, lon, precision)
    found = neighbors(home)
    cell = decode(home)
    assert home not in found.values()
    for name, other in found.items():
        assert len(other) == precision
        assert _touches(cell, decode(other)), name
    top_or_bottom = cell.lat_max == 90 or cell.lat_min == -90
    # Five neighbors in a pole's row (this version lists none across the pole).
    assert len(found) == len(set(found.values())) == (5 if top_or_bottom else 8)


def test_neighbors_wrap_across_the_antimeridian() -> None:
    west = encode(-17.0, 179.9995, 6)
    east = encode(-17.0, -179.9995, 6)
    assert neighbors(west)["e"] == east
    assert neighbors(east)["w"] == west


def test_a_border_splits_points_two_meters_apart() -> None:
    north, south = encode(0.00001, 0.00001, 7), encode(-0.00001, 0.00001, 7)
    assert north[0] != south[0]  # no common prefix at all
    assert neighbors(north)["s"] == south


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: encode(0, 0, 0), "precision must be 1 to 12, got 0"),
        (lambda: encode(0, 0, 13), "precision must be 1 to 12, got 13"),
        (lambda: encode(95, 0), r"latitude must be in \[-90, 90\], got 95"),
        (lambda: decode("u4a"), "'a' is not a geohash character in 'u4a'"),
        (lambda: decode(""), "precision must be 1 to 12, got 0"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_the_alphabet_skips_confusable_letters() -> None:
    assert len(BASE32) == len(set(BASE32)) == 32
    assert not set("ailo") & set(BASE32)
