"""A point-region quadtree over latitude and longitude, with an exact k-nearest search.

Each leaf holds up to `capacity` drivers; a full leaf splits into four
quadrants. A search visits boxes nearest first, using a lower bound on the
distance from the query to anything in a box, and stops when no unvisited
box can beat the k-th best driver found. Distances are great-circle
(haversine), so the answer equals a brute-force scan's, across the
antimeridian and over the poles too.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from examples.system_design.ride_matching.distance import (
    EARTH_RADIUS_M,
    Match,
    check_point,
    haversine_m,
)

# Floating-point slack on the lower bound, so rounding never prunes a box
# that holds a driver exactly at the bound. It only costs a little pruning.
BOUND_SLACK_M = 1.0
MAX_DEPTH = 24  # 180 / 2**24 degrees is about a meter; deeper leaves just grow


@dataclass
class _Node:
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float
    depth: int
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    children: list[_Node] | None = None

    def child_for(self, lat: float, lon: float) -> _Node:
        assert self.children is not None
        north = lat >= (self.lat_min + self.lat_max) / 2
        east = lon >= (self.lon_min + self.lon_max) / 2
        return self.children[2 * north + east]

    def split(self) -> None:
        mid_lat = (self.lat_min + self.lat_max) / 2
        mid_lon = (self.lon_min + self.lon_max) / 2
        d = self.depth + 1
        self.children = [
            _Node(self.lat_min, mid_lat, self.lon_min, mid_lon, d),  # south-west
            _Node(self.lat_min, mid_lat, mid_lon, self.lon_max, d),  # south-east
            _Node(mid_lat, self.lat_max, self.lon_min, mid_lon, d),  # north-west
            _Node(mid_lat, self.lat_max, mid_lon, self.lon_max, d),  # north-east
        ]
        for driver_id, (lat, lon) in self.points.items():
            self.child_for(lat, lon).points[driver_id] = (lat, lon)
        self.points = {}


# --8<-- [start:bound]
def _lon_gap_deg(lon: float, edge: float) -> float:
    """Angular difference between two longitudes, in [0, 180]."""
    gap = abs(lon - edge) % 360.0
    return min(gap, 360.0 - gap)


def box_lower_bound_m(lat: float, lon: float, node: _Node) -> float:
    """No point in the box is closer to (lat, lon) than this.

    Two bounds, the larger wins. The central angle between two points is at
    least their latitude difference. And a point outside the box's band of
    longitudes must cross one of its two edge meridians to reach the box:
    its angle to the great circle through a meridian is
    asin(cos(lat) * |sin(dlon)|).
    """
    if lat < node.lat_min:
        lat_gap = node.lat_min - lat
    elif lat > node.lat_max:
        lat_gap = lat - node.lat_max
    else:
        lat_gap = 0.0
    angle = math.radians(lat_gap)
    if not node.lon_min <= lon <= node.lon_max:
        cos_lat = math.cos(math.radians(lat))
        to_edge = min(
            math.asin(min(1.0, cos_lat * abs(math.sin(math.radians(d)))))
            for d in (_lon_gap_deg(lon, node.lon_min), _lon_gap_deg(lon, node.lon_max))
        )
        angle = max(angle, to_edge)
    return max(0.0, angle * EARTH_RADIUS_M - BOUND_SLACK_M)


# --8<-- [end:bound]


class Search(NamedTuple):
    matches: list[Match]
    examined: int  # drivers whose distance was computed


class QuadTree:
    """Driver positions, updated in place as drivers move; nearest-k by haversine."""

    def __init__(self, capacity: int = 16) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self._capacity = capacity
        self._root = _Node(-90.0, 90.0, -180.0, 180.0, 0)
        self._where: dict[str, tuple[float, float]] = {}

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, driver_id: object) -> bool:
        return driver_id in self._where

    def _leaf(self, lat: float, lon: float) -> _Node:
        node = self._root
        while node.children is not None:
            node = node.child_for(lat, lon)
        return node

    # --8<-- [start:update]
    def upsert(self, driver_id: str, lat: float, lon: float) -> None:
        """Add a driver or move it: O(depth), most moves stay in the same leaf."""
        check_point(lat, lon)
        leaf = self._leaf(lat, lon)
        if driver_id in self._where:
            old = self._leaf(*self._where[driver_id])
            if old is not leaf:
                del old.points[driver_id]
        leaf.points[driver_id] = (lat, lon)
        self._where[driver_id] = (lat, lon)
        if len(leaf.points) > self._capacity and leaf.depth < MAX_DEPTH:
            leaf.split()

    def remove(self, driver_id: str) -> None:
        """Forget a driver (went offline). Empty leaves stay; they cost little."""
        if driver_id not in self._where:
            raise KeyError(driver_id)
        del self._leaf(*self._where.pop(driver_id)).points[driver_id]

    # --8<-- [end:update]

    # --8<-- [start:search]
    def search(
        self, lat: float, lon: float, k: int, within_m: float = math.inf
    ) -> Search:
        """The k nearest drivers within `within_m`, nearest first, ties by id."""
        check_point(lat, lon)
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k!r}")
        best: list[Match] = []  # sorted, at most k long
        examined = 0
        order = itertools.count()  # breaks ties between equal bounds
        boxes = [(0.0, next(order), self._root)]
        while boxes:
            bound, _, node = heapq.heappop(boxes)
            if bound > within_m or (len(best) == k and bound > best[-1].distance_m):
                break  # every box left is at least this far
            if node.children is not None:
                for child in node.children:
                    child_bound = box_lower_bound_m(lat, lon, child)
                    heapq.heappush(boxes, (child_bound, next(order), child))
                continue
            for driver_id, (d_lat, d_lon) in node.points.items():
                examined += 1
                match = Match(haversine_m(lat, lon, d_lat, d_lon), driver_id)
                if match.distance_m <= within_m:
                    bisect.insort(best, match)
                    del best[k:]
        return Search(best, examined)

    # --8<-- [end:search]

    def nearest(
        self, lat: float, lon: float, k: int, within_m: float = math.inf
    ) -> list[Match]:
        return self.search(lat, lon, k, within_m).matches
