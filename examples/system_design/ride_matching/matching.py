"""Offer a ride to the nearest free driver, holding the driver with an expiring key.

A hold is `SET hold:<driver> <ride> NX PX <ttl>`, inside a script that also
refuses drivers already on a trip. Only one ride can hold a driver; a hold
that nobody confirms or releases (the dispatcher crashed) frees itself when
its TTL runs out. Nearest is by distance here, standing in for ETA.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

import redis

from examples.system_design.ride_matching.positions import PositionStore

# --8<-- [start:scripts]
# KEYS[1] = hold:<driver>, KEYS[2] = trip:<driver>; ARGV[1] = ride id.
HOLD = """
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
return 0
"""

# The driver accepted: turn our hold, and only ours, into a trip.
CONFIRM = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[1])
return 1
"""

# Declined or no answer: free the driver, unless the hold already passed on.
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
# --8<-- [end:scripts]


class Answer(enum.Enum):
    ACCEPT = "accept"
    DECLINE = "decline"
    NO_ANSWER = "no answer"  # the offer timed out on the driver's phone


# Sends the offer and waits up to the offer timeout for the driver's answer.
Ask = Callable[[str, str], Answer]


@dataclass
class Outcome:
    ride_id: str
    driver_id: str | None = None
    offers: list[tuple[str, Answer]] = field(default_factory=list)
    # Accepts that arrived after the hold's TTL: the server's deadline had
    # passed, whatever the phone's countdown showed. They got a 409.
    late_accepts: list[str] = field(default_factory=list)


class Dispatcher:
    """Matches rides to drivers from one city's PositionStore."""

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        positions: PositionStore,
        offer_ttl_ms: int = 15_000,
        radius_m: float = 3_000,
        candidates: int = 10,
        max_offers: int = 3,
    ) -> None:
        if offer_ttl_ms < 1 or candidates < 1 or max_offers < 1:
            raise ValueError("offer_ttl_ms, candidates and max_offers must be >= 1")
        self._r, self._prefix, self._positions = r, prefix, positions
        self._ttl, self._radius = offer_ttl_ms, radius_m
        self._candidates, self._max_offers = candidates, max_offers
        self._hold = r.register_script(HOLD)
        self._confirm = r.register_script(CONFIRM)
        self._release = r.register_script(RELEASE)

    def _keys(self, driver_id: str) -> list[str]:
        # One hash tag per driver: both keys in one Cluster slot for the scripts.
        tag = f"{self._prefix}{{driver:{driver_id}}}"
        return [f"{tag}:hold", f"{tag}:trip"]

    # --8<-- [start:hold]
    def hold(self, driver_id: str, ride_id: str) -> bool:
        """Reserve the driver for this ride's offer; False if anyone has them."""
        return self._hold(keys=self._keys(driver_id), args=[ride_id, self._ttl]) == 1

    def confirm(self, driver_id: str, ride_id: str) -> bool:
        """The driver's accept: succeeds only while this ride still holds them."""
        return self._confirm(keys=self._keys(driver_id), args=[ride_id]) == 1

    def release(self, driver_id: str, ride_id: str) -> bool:
        return self._release(keys=self._keys(driver_id), args=[ride_id]) == 1

    # --8<-- [end:hold]

    def trip_of(self, driver_id: str) -> str | None:
        return self._r.get(self._keys(driver_id)[1])

    def finish_trip(self, driver_id: str) -> None:
        self._r.delete(self._keys(driver_id)[1])

    # --8<-- [start:match]
    def match(self, ride_id: str, lat: float, lon: float, ask: Ask) -> Outcome:
        """Offer the ride to the nearest free drivers, one at a time."""
        outcome, tried = Outcome(ride_id), set()
        while len(outcome.offers) < self._max_offers:
            # Search again before each offer: drivers moved during the last one.
            driver = self._hold_nearest(ride_id, lat, lon, tried)
            if driver is None:
                return outcome  # nobody free nearby: widen the radius or wait
            tried.add(driver)
            answer = ask(driver, ride_id)
            outcome.offers.append((driver, answer))
            if answer is Answer.ACCEPT:
                if self.confirm(driver, ride_id):
                    outcome.driver_id = driver
                    return outcome
                outcome.late_accepts.append(driver)  # the hold had expired
            self.release(driver, ride_id)
        return outcome

    def _hold_nearest(
        self, ride_id: str, lat: float, lon: float, skip: set[str]
    ) -> str | None:
        """Hold the nearest driver not in skip; the GEO set includes busy ones,
        so ask for more candidates until the radius has no more to give."""
        refused, count = set(skip), self._candidates
        while True:
            nearby = self._positions.nearby(lat, lon, self._radius, count)
            for m in nearby:
                if m.driver_id not in refused:
                    if self.hold(m.driver_id, ride_id):
                        return m.driver_id
                    refused.add(m.driver_id)  # on a trip or held
            if len(nearby) < count:
                return None  # every driver in the radius was tried
            count *= 2

    # --8<-- [end:match]
