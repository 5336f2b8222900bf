"""Geohash in practice: cell sizes, a round trip, and the three places it misleads."""

from __future__ import annotations

import math

from examples.system_design.ride_matching.distance import EARTH_RADIUS_M, haversine_m
from examples.system_design.ride_matching.geohash import decode, encode, neighbors


def cell_size_m(geohash: str) -> tuple[float, float]:
    """(width, height) of the cell in meters, width measured at its center."""
    cell = decode(geohash)
    lat, _ = cell.center
    height = EARTH_RADIUS_M * math.radians(2 * cell.lat_error)
    width = height * (2 * cell.lon_error) / (2 * cell.lat_error)
    return width * math.cos(math.radians(lat)), height


# --8<-- [start:sizes]
# Palermo, the example on Redis's GEOHASH page ("sqc8b49rny0" there).
print(encode(38.115556, 13.361389, 10))
#> sqc8b49rny
for precision in (5, 6, 7):
    widths = []
    for lat in (0.0, 60.0):
        w, h = cell_size_m(encode(lat, 0.0, precision))
        widths.append(f"{w:,.0f} x {h:,.0f} m at {lat:.0f} deg")
    print(precision, "chars:", "; ".join(widths))
    #> 5 chars: 4,887 x 4,887 m at 0 deg; 2,443 x 4,887 m at 60 deg
    #> 6 chars: 1,222 x 611 m at 0 deg; 611 x 611 m at 60 deg
    #> 7 chars: 153 x 153 m at 0 deg; 76 x 153 m at 60 deg
# --8<-- [end:sizes]

# --8<-- [start:round_trip]
cell = decode(encode(12.971599, 77.594566, 7))  # central Bengaluru
lat, lon = cell.center
print(
    f"center {lat:.5f}, {lon:.5f}; error +-{cell.lat_error:.5f}, +-{cell.lon_error:.5f}"
)
#> center 12.97142, 77.59438; error +-0.00069, +-0.00069
print(f"{haversine_m(12.971599, 77.594566, lat, lon):.0f} m from the true point")
#> 29 m from the true point
# --8<-- [end:round_trip]

# --8<-- [start:edges]
# 1. Border: two points 2 m apart across the equator share no prefix.
north, south = encode(0.00001, 0.00001, 7), encode(-0.00001, 0.00001, 7)
print(north, south, f"{haversine_m(0.00001, 0.00001, -0.00001, 0.00001):.1f} m")
#> s000000 kpbpbpb 2.2 m
print("south is a neighbor of north:", south in neighbors(north).values())
#> south is a neighbor of north: True

# 2. Antimeridian: Fiji straddles 180 degrees; the neighbors wrap around.
west_side, east_side = encode(-17.0, 179.9995, 6), encode(-17.0, -179.9995, 6)
print(west_side, east_side, "east neighbor:", neighbors(west_side)["e"])
#> ruzzrc 2hbp21 east neighbor: 2hbp21

# 3. Pole: a top-row cell lists five neighbors; the cell across the pole,
# which touches it there, is not among them. These two points are 22 km apart.
top = encode(89.9, 0.0, 3)
print(top, sorted(neighbors(top)), encode(89.9, 180.0, 3))
#> upb ['e', 's', 'se', 'sw', 'w'] zzz
print(f"{haversine_m(89.9, 0.0, 89.9, 180.0) / 1000:.0f} km apart")
#> 22 km apart
# --8<-- [end:edges]
