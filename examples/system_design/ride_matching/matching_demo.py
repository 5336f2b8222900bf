"""One ride offered in turn: a decline, a timeout, an accept; then a late accept and a crash."""

# requires-server: redis

from __future__ import annotations

import time

from examples.data.redis.connection import redis_session
from examples.system_design.ride_matching.matching import Answer, Dispatcher
from examples.system_design.ride_matching.positions import PositionStore

T0 = 1_700_000_000_000
DRIVERS = {
    "asha": (12.9720, 77.5950),
    "bilal": (12.9750, 77.6000),
    "chen": (12.9600, 77.5800),
    "dev": (12.9900, 77.6100),
}
RIDER = (12.9716, 77.5946)

with redis_session("ride_matching") as (r, p):
    positions = PositionStore(r, p, city="blr")
    for driver, (lat, lon) in DRIVERS.items():
        positions.update(driver, lat, lon, T0, T0)

    # --8<-- [start:offers]
    dispatcher = Dispatcher(r, p, positions, offer_ttl_ms=15_000, max_offers=3)
    script = {"asha": Answer.DECLINE, "bilal": Answer.NO_ANSWER}

    def ask(driver: str, ride: str) -> Answer:
        return script.get(driver, Answer.ACCEPT)

    outcome = dispatcher.match("ride-1", *RIDER, ask)
    for driver, answer in outcome.offers:
        print(f"offer to {driver}: {answer.value}")
        #> offer to asha: decline
        #> offer to bilal: no answer
        #> offer to chen: accept
    print("matched:", outcome.driver_id, "| chen's trip:", dispatcher.trip_of("chen"))
    #> matched: chen | chen's trip: ride-1
    # --8<-- [end:offers]

    # --8<-- [start:late]
    # bilal taps accept after the offer timed out and was withdrawn.
    print("bilal's late accept:", dispatcher.confirm("bilal", "ride-1"))
    #> bilal's late accept: False
    # A second rider: chen is on a trip, so asha is asked first and accepts.
    second = dispatcher.match("ride-2", *RIDER, lambda _d, _r: Answer.ACCEPT)
    print("ride-2 ->", second.driver_id)
    #> ride-2 -> asha
    # --8<-- [end:late]

    # --8<-- [start:crash]
    # A dispatcher holds bilal for ride-3 with a 200 ms hold, then crashes.
    short = Dispatcher(r, p, positions, offer_ttl_ms=200)
    print("ride-3 holds bilal:", short.hold("bilal", "ride-3"))
    #> ride-3 holds bilal: True
    print("ride-4 holds bilal:", dispatcher.hold("bilal", "ride-4"))
    #> ride-4 holds bilal: False
    hold_key = f"{p}{{driver:bilal}}:hold"
    deadline = time.monotonic() + 5
    while r.exists(hold_key) and time.monotonic() < deadline:
        time.sleep(0.02)  # the hold's PX runs out on the server
    print("after the TTL, ride-4 holds bilal:", dispatcher.hold("bilal", "ride-4"))
    #> after the TTL, ride-4 holds bilal: True
    # --8<-- [end:crash]
