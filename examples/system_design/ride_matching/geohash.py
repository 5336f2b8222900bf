"""Geohash: interleave longitude and latitude bits, write them five at a time in base 32.

Each character narrows the cell: 5 more bits, split between longitude
(which takes the first, third, fifth... bit) and latitude. A prefix is the
cell that contains all longer hashes, so a prefix match is a cell lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

from examples.system_design.ride_matching.distance import check_point

# --8<-- [start:encode]
BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"  # no a, i, l, o
MAX_PRECISION = 12  # 60 bits: cells of a few centimeters


def _check_precision(precision: int) -> None:
    if not 1 <= precision <= MAX_PRECISION:
        raise ValueError(f"precision must be 1 to {MAX_PRECISION}, got {precision!r}")


def encode(lat: float, lon: float, precision: int = 7) -> str:
    """The geohash of the cell holding (lat, lon), `precision` characters long."""
    check_point(lat, lon)
    _check_precision(precision)
    lat_lo, lat_hi, lon_lo, lon_hi = -90.0, 90.0, -180.0, 180.0
    chars, value, bits, even = [], 0, 0, True  # even bits are longitude
    while len(chars) < precision:
        if even:
            mid = (lon_lo + lon_hi) / 2
            bit = lon >= mid
            lon_lo, lon_hi = (mid, lon_hi) if bit else (lon_lo, mid)
        else:
            mid = (lat_lo + lat_hi) / 2
            bit = lat >= mid
            lat_lo, lat_hi = (mid, lat_hi) if bit else (lat_lo, mid)
        value, bits, even = value * 2 + bit, bits + 1, not even
        if bits == 5:
            chars.append(BASE32[value])
            value, bits = 0, 0
    return "".join(chars)


# --8<-- [end:encode]


@dataclass(frozen=True)
class Cell:
    """The rectangle of latitudes and longitudes that one geohash names."""

    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.lat_min + self.lat_max) / 2, (self.lon_min + self.lon_max) / 2

    @property
    def lat_error(self) -> float:
        """How far the center can be from any point in the cell, in latitude degrees."""
        return (self.lat_max - self.lat_min) / 2

    @property
    def lon_error(self) -> float:
        return (self.lon_max - self.lon_min) / 2

    def contains(self, lat: float, lon: float) -> bool:
        return (
            self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max
        )


def decode(geohash: str) -> Cell:
    """The cell a geohash names; its center is the best single-point answer."""
    _check_precision(len(geohash))
    lat_lo, lat_hi, lon_lo, lon_hi = -90.0, 90.0, -180.0, 180.0
    even = True
    for char in geohash:
        value = BASE32.find(char)
        if value < 0:
            raise ValueError(f"{char!r} is not a geohash character in {geohash!r}")
        for shift in range(4, -1, -1):
            bit = (value >> shift) & 1
            if even:
                mid = (lon_lo + lon_hi) / 2
                lon_lo, lon_hi = (mid, lon_hi) if bit else (lon_lo, mid)
            else:
                mid = (lat_lo + lat_hi) / 2
                lat_lo, lat_hi = (mid, lat_hi) if bit else (lat_lo, mid)
            even = not even
    return Cell(lat_lo, lat_hi, lon_lo, lon_hi)


# --8<-- [start:neighbors]
DIRECTIONS = {
    "n": (1, 0),
    "ne": (1, 1),
    "e": (0, 1),
    "se": (-1, 1),
    "s": (-1, 0),
    "sw": (-1, -1),
    "w": (0, -1),
    "nw": (1, -1),
}


def neighbors(geohash: str) -> dict[str, str]:
    """The same-size cells around this one, by compass direction.

    East and west wrap around the antimeridian. Past a pole there is no
    cell, so a cell in the top (or bottom) row has five neighbors, not
    eight: this simple version does not list the cells across the pole,
    though they touch it there.
    """
    cell = decode(geohash)
    lat, lon = cell.center
    height, width = 2 * cell.lat_error, 2 * cell.lon_error
    found = {}
    for name, (dlat, dlon) in DIRECTIONS.items():
        n_lat = lat + dlat * height
        if not -90.0 < n_lat < 90.0:
            continue  # beyond a pole
        n_lon = (lon + dlon * width + 180.0) % 360.0 - 180.0  # wrap
        found[name] = encode(n_lat, n_lon, len(geohash))
    return found


# --8<-- [end:neighbors]
