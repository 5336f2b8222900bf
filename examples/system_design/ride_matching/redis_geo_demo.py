"""The real thing: Redis GEOADD and GEOSEARCH, checked against the brute-force scan."""

# requires-server: redis

from __future__ import annotations

import random

import redis

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.distance import (
    REDIS_EARTH_RADIUS_M,
    haversine_m,
    nearest_brute_force,
)
from examples.system_design.ride_matching.geohash import encode

with redis_session("ride_geo") as (r, p):
    # --8<-- [start:search]
    rng = random.Random(7)
    fleet = {
        f"d{i:05d}": (rng.uniform(12.77, 13.17), rng.uniform(77.39, 77.80))
        for i in range(10_000)
    }
    key = f"{p}drivers"
    members = [x for d, (lat, lon) in fleet.items() for x in (lon, lat, d)]
    r.geoadd(key, members)  # longitude first, then latitude, then the member
    rider = (12.9716, 77.5946)
    rows = r.geosearch(
        key,
        longitude=rider[1],
        latitude=rider[0],
        radius=3_000,
        unit="m",
        sort="ASC",
        count=3,
        withdist=True,
    )
    print(rows)
    #> [['d06165', 242.4149], ['d02765', 278.6047], ['d02696', 376.8981]]
    print([m.driver_id for m in nearest_brute_force(fleet, *rider, 3)])
    #> ['d06165', 'd02765', 'd02696']
    # --8<-- [end:search]

    # --8<-- [start:precision]
    # Redis keeps a 52-bit geohash as the sorted-set score, not your floats.
    (lon, lat), *_ = r.geopos(key, "d06165")
    true_lat, true_lon = fleet["d06165"]
    print(f"stored position is {haversine_m(lat, lon, true_lat, true_lon):.2f} m off")
    #> stored position is 0.19 m off
    ours = haversine_m(*rider, true_lat, true_lon, radius_m=REDIS_EARTH_RADIUS_M)
    print(f"our distance with Redis's radius: {ours:.4f} m")
    #> our distance with Redis's radius: 242.4981 m
    # GEOHASH re-encodes the stored point: 10 characters, then a padding 0.
    print(r.geohash(key, "d06165")[0], encode(true_lat, true_lon, 11))
    #> tdr1v9n8qg0 tdr1v9n8qgr
    try:
        r.geoadd(key, [0.0, 86.0, "svalbard-north"])
    except redis.ResponseError as error:
        print(error)
        #> invalid longitude,latitude pair 0.000000,86.000000
    # --8<-- [end:precision]

    # --8<-- [start:edges]
    # Where the nine-box search of Redis 7.0 misses a nearby member.
    edge = f"{p}edges"
    r.geoadd(edge, [-179.999, 0.0, "across-180", 0.0, 84.0, "n0", 180.0, 84.0, "n180"])
    found = r.geosearch(edge, longitude=180.0, latitude=0.0, radius=5, unit="km")
    print(f"from lon 180: {found}, across-180 is 111 m away")
    #> from lon 180: [], across-180 is 111 m away
    found = r.geosearch(edge, longitude=0.0, latitude=84.0, radius=1_500, unit="km")
    far = haversine_m(84.0, 0.0, 84.0, 180.0, radius_m=REDIS_EARTH_RADIUS_M) / 1000
    print(f"from 84N: {found}, n180 is {far:,.0f} km away over the pole")
    #> from 84N: ['n0'], n180 is 1,335 km away over the pole
    # --8<-- [end:edges]
