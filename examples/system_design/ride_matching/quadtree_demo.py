"""The quadtree answers like a brute-force scan while measuring a fraction of the fleet."""

from __future__ import annotations

import random

from examples.system_design.ride_matching.distance import nearest_brute_force
from examples.system_design.ride_matching.quadtree import QuadTree

# --8<-- [start:city]
rng = random.Random(7)
# 10,000 drivers spread over a 45 km square around Bengaluru.
fleet = {
    f"d{i:05d}": (rng.uniform(12.77, 13.17), rng.uniform(77.39, 77.80))
    for i in range(10_000)
}
tree = QuadTree(capacity=16)
for driver_id, (lat, lon) in fleet.items():
    tree.upsert(driver_id, lat, lon)

rider = (12.9716, 77.5946)
found = tree.search(*rider, k=3)
for match in found.matches:
    print(f"{match.driver_id} {match.distance_m:6.0f} m")
    #> d06165    242 m
    #> d02765    279 m
    #> d02696    377 m
print("same as brute force:", found.matches == nearest_brute_force(fleet, *rider, 3))
#> same as brute force: True
print(f"distances computed: {found.examined} of {len(fleet):,}")
#> distances computed: 34 of 10,000
# --8<-- [end:city]

# --8<-- [start:moves]
# The third-nearest driver drives up to the rider; then the nearest logs off.
third, nearest = found.matches[2].driver_id, found.matches[0].driver_id
tree.upsert(third, 12.9717, 77.5947)
print([(m.driver_id, round(m.distance_m)) for m in tree.nearest(*rider, k=2)])
#> [('d02696', 16), ('d06165', 242)]
tree.remove(nearest)
print([m.driver_id for m in tree.nearest(*rider, k=2)], len(tree))
#> ['d02696', 'd02765'] 9999
# --8<-- [end:moves]

# --8<-- [start:edges]
# Across the antimeridian (Fiji) and across the north pole, by great circle.
edge = QuadTree(capacity=1)
edge.upsert("fiji-east", -17.0, -179.998)  # 223 m east of the rider, over 180
edge.upsert("fiji-west", -17.0, 179.99)  # 1,053 m west
edge.upsert("pole-far-side", 89.9, 180.0)  # 22 km, over the pole
edge.upsert("pole-same-side", 89.0, 0.0)  # 100 km
print([m.driver_id for m in edge.nearest(-17.0, 179.9999, k=2)])
#> ['fiji-east', 'fiji-west']
print([m.driver_id for m in edge.nearest(89.9, 0.0, k=1)])
#> ['pole-far-side']
# --8<-- [end:edges]
