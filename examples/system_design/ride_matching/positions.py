"""The write path for live positions: one Lua script per update, on Redis.

Per city (the `{city:...}` hash tag keeps a city's keys in one Redis Cluster
slot, so one script may touch them all):
- `available`, a GEO set: the latest position of every online driver;
- `seen`, a sorted set: when the server last heard from each driver;
- `sent`, a hash: the phone's timestamp of the last update accepted;
- `history`, a stream: every accepted update, capped, for a consumer that
  ships it to long-term storage.

Nothing here writes a database row per update.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis

from examples.system_design.ride_matching.distance import Match, check_point

# Redis indexes latitudes only within the Web Mercator range (GEOADD's page).
REDIS_MAX_LATITUDE = 85.05112878
# A phone's timestamp only orders its own updates, so it must be near the
# server's clock: one update stamped an hour ahead would make every later
# update look older and be dropped until the sweep removes the driver.
MAX_CLOCK_SKEW_MS = 60_000

# --8<-- [start:scripts]
# Accept an update only if it is newer than the last one from that phone:
# updates travel over flaky mobile networks and arrive out of order.
UPDATE = """
local last = redis.call('HGET', KEYS[3], ARGV[1])
if last and tonumber(last) >= tonumber(ARGV[4]) then
  return 0
end
-- GEOADD first: it is the write that can refuse its input, and a script
-- that fails halfway keeps the writes it already made.
redis.call('GEOADD', KEYS[1], ARGV[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[6], '*',
  'driver', ARGV[1], 'lat', ARGV[3], 'lon', ARGV[2], 'sent_ms', ARGV[4])
return 1
"""

# GEO members never expire on their own: drop drivers not heard from since
# the cutoff, at most LIMIT per call so one call never blocks Redis for long.
# unpack() has a stack limit (about 8,000 values), so remove in chunks.
EXPIRE_STALE = """
local stale = redis.call('ZRANGE', KEYS[2], '-inf', ARGV[1],
  'BYSCORE', 'LIMIT', 0, ARGV[2])
for i = 1, #stale, 1000 do
  local chunk = {unpack(stale, i, math.min(i + 999, #stale))}
  redis.call('ZREM', KEYS[1], unpack(chunk))
  redis.call('ZREM', KEYS[2], unpack(chunk))
  redis.call('HDEL', KEYS[3], unpack(chunk))
end
return stale
"""
# --8<-- [end:scripts]


@dataclass(frozen=True)
class CityKeys:
    available: str
    seen: str
    sent: str
    history: str


class PositionStore:
    """Live driver positions for one city, kept in Redis."""

    def __init__(
        self, r: redis.Redis, prefix: str, city: str, history_cap: int = 100_000
    ) -> None:
        if not city.isalnum():
            raise ValueError(f"city must be letters and digits, got {city!r}")
        if history_cap < 1:
            raise ValueError(f"history_cap must be at least 1, got {history_cap!r}")
        tag = f"{prefix}{{city:{city}}}"
        self.keys = CityKeys(
            f"{tag}:available", f"{tag}:seen", f"{tag}:sent", f"{tag}:history"
        )
        self._r = r
        self._history_cap = history_cap
        self._update = r.register_script(UPDATE)
        self._expire = r.register_script(EXPIRE_STALE)

    # --8<-- [start:update]
    def update(
        self,
        driver_id: str,
        lat: float,
        lon: float,
        sent_ms: int,
        received_ms: int,
    ) -> bool:
        """Record a position; False if the phone already sent a newer one."""
        check_point(lat, lon)
        if abs(lat) > REDIS_MAX_LATITUDE:
            raise ValueError(
                f"Redis cannot index latitude {lat!r}: beyond +-85.05112878"
            )
        if abs(sent_ms - received_ms) > MAX_CLOCK_SKEW_MS:
            raise ValueError(
                f"sent_ms {sent_ms!r} is more than {MAX_CLOCK_SKEW_MS} ms from"
                f" received_ms {received_ms!r}: the phone must resync its clock"
            )
        k = self.keys
        accepted = self._update(
            keys=[k.available, k.seen, k.sent, k.history],
            args=[driver_id, lon, lat, sent_ms, received_ms, self._history_cap],
        )
        return accepted == 1

    def expire_stale(
        self, now_ms: int, max_age_ms: int, limit: int = 1_000
    ) -> list[str]:
        """Remove drivers silent for longer than max_age_ms; return who went."""
        if max_age_ms < 0 or limit < 1:
            raise ValueError("max_age_ms must be >= 0 and limit >= 1")
        k = self.keys
        return self._expire(
            keys=[k.available, k.seen, k.sent], args=[now_ms - max_age_ms, limit]
        )

    # --8<-- [end:update]

    def go_offline(self, driver_id: str) -> None:
        k = self.keys
        with self._r.pipeline(transaction=True) as pipe:
            pipe.zrem(k.available, driver_id)
            pipe.zrem(k.seen, driver_id)
            pipe.hdel(k.sent, driver_id)
            pipe.execute()

    # --8<-- [start:nearby]
    def nearby(self, lat: float, lon: float, radius_m: float, k: int) -> list[Match]:
        """The k nearest online drivers within radius_m, by Redis GEOSEARCH."""
        check_point(lat, lon)
        if k < 1 or not radius_m > 0:
            raise ValueError("k must be >= 1 and radius_m > 0")
        rows = self._r.geosearch(
            self.keys.available,
            longitude=lon,
            latitude=lat,
            radius=radius_m,
            unit="m",
            sort="ASC",
            count=k,
            withdist=True,
        )
        return [Match(float(dist), member) for member, dist in rows]

    # --8<-- [end:nearby]

    def history_length(self) -> int:
        return self._r.xlen(self.keys.history)
