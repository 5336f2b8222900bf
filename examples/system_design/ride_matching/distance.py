"""Great-circle distance on a spherical Earth, the yardstick every search here is checked by.

The radius is the IUGG mean Earth radius R1 of the Geodetic Reference System
1980 (Moritz, "Geodetic Reference System 1980"): 6,371,008.7714 m, rounded.
A sphere is off from the real ellipsoid by up to about 0.5%, which moves no
one's ranking of nearby drivers. Redis uses 6,372,797.560856 m (its
geohash_helper.c), so its distances read 0.028% longer than ours.
"""

from __future__ import annotations

import heapq
import math
from typing import NamedTuple

# --8<-- [start:haversine]
EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius R1 (GRS 80)
REDIS_EARTH_RADIUS_M = 6_372_797.560856  # what Redis's GEO commands use


def check_point(lat: float, lon: float) -> None:
    """Raise ValueError unless lat is in [-90, 90] and lon in [-180, 180]."""
    if not -90.0 <= lat <= 90.0:  # also refuses NaN
        raise ValueError(f"latitude must be in [-90, 90], got {lat!r}")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude must be in [-180, 180], got {lon!r}")


def haversine_m(
    lat1: float,
    lon1: float,
    lat2: float,
    lon2: float,
    radius_m: float = EARTH_RADIUS_M,
) -> float:
    """Great-circle distance in meters between two points in degrees."""
    check_point(lat1, lon1)
    check_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = (
        math.sin(half_dphi) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    )
    # min() guards asin against a rounding error just above 1 (antipodes).
    return 2 * radius_m * math.asin(min(1.0, math.sqrt(a)))


# --8<-- [end:haversine]


class Match(NamedTuple):
    """A driver and how far it is from the query point; sorts by distance, then id."""

    distance_m: float
    driver_id: str


def nearest_brute_force(
    drivers: dict[str, tuple[float, float]],
    lat: float,
    lon: float,
    k: int,
    within_m: float = math.inf,
) -> list[Match]:
    """The k nearest drivers within `within_m`, by measuring every one: O(n)."""
    check_point(lat, lon)
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    matches = (
        Match(haversine_m(lat, lon, d_lat, d_lon), driver_id)
        for driver_id, (d_lat, d_lon) in drivers.items()
    )
    return heapq.nsmallest(k, (m for m in matches if m.distance_m <= within_m))


if __name__ == "__main__":
    # Bengaluru's Majestic bus station to Koramangala, about 7 km apart.
    print(f"{haversine_m(12.9767, 77.5713, 12.9352, 77.6245):,.0f} m")
    #> 7,384 m
