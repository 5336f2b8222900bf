"""Location updates into Redis: out-of-order updates dropped, silent drivers expired."""

# requires-server: redis

from __future__ import annotations

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.positions import PositionStore

T0 = 1_700_000_000_000  # an injected clock: milliseconds, as the server sees them

with redis_session("ride_positions") as (r, p):
    store = PositionStore(r, p, city="blr")
    # --8<-- [start:updates]
    # (driver, lat, lon, phone's sent_ms, server's received_ms)
    updates = [
        ("asha", 12.9720, 77.5950, T0 + 0, T0 + 150),
        ("bilal", 12.9750, 77.6000, T0 + 0, T0 + 180),
        ("chen", 12.9600, 77.5800, T0 + 0, T0 + 200),
        ("asha", 12.9725, 77.5952, T0 + 4_000, T0 + 4_100),
        # asha's update from t=2 s took a slow path and arrives last
        ("asha", 12.9722, 77.5951, T0 + 2_000, T0 + 4_300),
    ]
    for driver, lat, lon, sent, received in updates:
        print(driver, store.update(driver, lat, lon, sent, received))
        #> asha True
        #> bilal True
        #> chen True
        #> asha True
        #> asha False
    # --8<-- [end:updates]

    # --8<-- [start:nearby]
    rider = (12.9716, 77.5946)
    for match in store.nearby(*rider, radius_m=3_000, k=3):
        print(f"{match.driver_id:6} {match.distance_m:5.0f} m")
        #> asha     119 m
        #> bilal    697 m
        #> chen    2042 m
    # --8<-- [end:nearby]

    # --8<-- [start:stale]
    # asha and bilal keep reporting; chen's phone dies after t=0.
    for second in range(8, 41, 4):
        now = T0 + second * 1_000
        store.update("asha", 12.9725, 77.5952, now, now + 100)
        store.update("bilal", 12.9750, 77.6000, now, now + 100)
    print("expired:", store.expire_stale(now_ms=T0 + 40_500, max_age_ms=30_000))
    #> expired: ['chen']
    print([m.driver_id for m in store.nearby(*rider, radius_m=3_000, k=3)])
    #> ['asha', 'bilal']
    print("history entries:", store.history_length())
    #> history entries: 22
    # --8<-- [end:stale]
