# %% [markdown]
# # Estimation: ride matching and live locations at a million drivers
#
# Ride matching looks like a search problem, and the estimate shows it is a write
# problem first. Every online driver's phone reports a position every few seconds,
# whether or not anyone is looking for a ride. This notebook sizes that stream, the
# memory to keep the latest position of every driver, the searches that matching and
# the rider's map make, and the history worth keeping.
#
# Every number below is computed by the code you see, and the build runs it. Run it
# yourself: `python docs/system-design/ride-matching/estimation.py`. The design it
# sizes is on [the ride matching page](../../../system-design/ride-matching/).
#
# ## Ask before you compute
#
# - How many drivers are online at the busiest moment, and in how many cities? The
#   write load follows drivers online, not riders or rides.
# - How often does the driver app send a position? Halving the interval doubles
#   the write load; the product decides how fresh the rider's map must be.
# - Does the rider's app show cars moving nearby before booking? That map can be
#   the largest read load of the system.
# - What must the history serve: billing and disputes (every point of a trip), or
#   analytics (a sample is enough)?
#
# ## The assumptions, in one place
#
# Change a constant and rerun: every result and the chart follow. Units are decimal
# (1 MB = 10^6 bytes, 1 GB = 10^9 bytes).

# %%
import json
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Fleet and riders at the busiest moment of the day, for a platform close to
# Uber's global size: interview-sized assumptions, not one city or country.
# For scale, Uber's whole platform (rides and deliveries, every country) averaged
# nearly 26 million trips a day in 2023 (Uber's Q4 2023 results, February 2024:
# https://www.sec.gov/Archives/edgar/data/1543151/000154315124000008/uberq423earningspressrelea.htm).
DRIVERS_ONLINE_PEAK = 1_000_000
UPDATE_INTERVAL_S = 4  # a GPS fix every 4 s keeps a moving car's dot within ~50 m
RIDES_PER_DAY = 20_000_000
RIDE_PEAK_FACTOR = 3.0  # the evening rush against the daily average
SEARCHES_PER_RIDE = 3  # one nearest-driver search per offer, up to three offers
RIDER_APPS_OPEN_PEAK = 2_000_000  # riders looking at the map of nearby cars
NEARBY_REFRESH_S = 5  # how often that map asks for the cars around the rider

# What one update is on the wire: the design page's WebSocket message exactly
# (a test compares them). No driver id: the socket is authenticated once, so the
# gateway knows whose it is. Compact JSON inside TLS 1.3 over TCP and IPv4, one
# update per packet.
SAMPLE_UPDATE = {
    "lat": 12.971599,
    "lon": 77.594566,
    "sent_ms": 1_700_000_000_123,
    "speed_mps": 8.3,
    "heading_deg": 271,
}
TLS13_RECORD_OVERHEAD = 5 + 1 + 16  # header, content type, AES-GCM tag (RFC 8446 5.2)
TCP_HEADER_BYTES = 20 + 12  # with the timestamps option (RFC 9293, RFC 7323)
IPV4_HEADER_BYTES = 20  # without options (RFC 791)

# Live state per driver in Redis: the GEO set, the last-seen sorted set and the
# last-sent hash, measured with MEMORY USAGE at 10,000 drivers by
# examples/system_design/ride_matching/redis_memory.py on Redis 7.0.
LIVE_STATE_BYTES_PER_DRIVER = 290
# An ASSUMPTION, not a measurement: a planning budget of UPDATE scripts (four
# writes each) a second per Redis primary, kept low for headroom. Throughput
# depends on hardware, clients, pipelining and payload (Redis's benchmark page:
# https://redis.io/docs/latest/operate/oss_and_stack/management/optimization/benchmarks/).
# benchmarks/system_design/ride_matching.py prints this machine's absolute
# rates for the script and a bare GEOADD beside this budget; measure yours.
REDIS_UPDATES_PER_PRIMARY = 25_000
REDIS_NODE_MEMORY_BYTES = 25 * 10**9  # usable memory of one node

# History: a time-series row per kept point. Coordinates as 32-bit integers of
# microdegrees (about 0.1 m), speed and heading as 16-bit integers.
HISTORY_ROW_BYTES = 8 + 8 + 4 + 4 + 2 + 2  # driver id, time, lat, lon, speed, heading
DAY_AVERAGE_SHARE = 0.4  # drivers online over the day, as a share of the peak
TRIP_SHARE = 0.5  # share of online time a driver spends on a trip
IDLE_KEEP_ONE_IN = 4  # keep every trip point; one in four while waiting
HISTORY_RETENTION_DAYS = 90

SECONDS_PER_DAY = 86_400
KB, MB, GB, TB = 10**3, 10**6, 10**9, 10**12
SCALES = (1, 10, 100)

# %% [markdown]
# ## Small, pure helpers
#
# Each formula is a function that checks its input and raises `ValueError` naming
# the bad value, so a typo in the assumptions fails loudly.


# %%
def _require_positive(name: str, value: float) -> None:
    if not value > 0:  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def per_second(count: float, interval_s: float) -> float:
    """Events a second when each of `count` things reports every `interval_s`."""
    _require_positive("count", count)
    _require_positive("interval_s", interval_s)
    return count / interval_s


def qps(per_day: float, peak_factor: float = 1.0) -> float:
    """Requests a second for a daily volume, optionally scaled to the peak."""
    _require_positive("per_day", per_day)
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


def websocket_client_overhead(payload_bytes: int) -> int:
    """Frame header bytes of a masked client-to-server frame (RFC 6455 5.2)."""
    if payload_bytes < 0:
        raise ValueError(f"payload_bytes must not be negative, got {payload_bytes!r}")
    if payload_bytes <= 125:
        length_bytes = 0
    elif payload_bytes <= 65_535:
        length_bytes = 2
    else:
        length_bytes = 8
    return 2 + length_bytes + 4  # first two bytes, extended length, masking key


def primaries_for(load: float, capacity: float) -> int:
    """Redis primaries needed to carry `load` at `capacity` each (at least one)."""
    if load < 0:
        raise ValueError(f"load must not be negative, got {load!r}")
    _require_positive("capacity", capacity)
    return max(1, math.ceil(load / capacity))


def kept_share(trip_share: float, idle_keep_one_in: int) -> float:
    """Share of all updates the history keeps: every trip point, a sample of idle ones."""
    if not 0 <= trip_share <= 1:
        raise ValueError(f"trip_share must be in [0, 1], got {trip_share!r}")
    if not (isinstance(idle_keep_one_in, int) and idle_keep_one_in >= 1):
        raise ValueError(f"idle_keep_one_in must be an integer >= 1, got {idle_keep_one_in!r}")
    return trip_share + (1 - trip_share) / idle_keep_one_in


def mbit_per_s(bytes_per_s: float) -> float:
    """Bytes a second as megabits a second (1 Mbit = 10^6 bits)."""
    if bytes_per_s < 0:
        raise ValueError(f"bytes_per_s must not be negative, got {bytes_per_s!r}")
    return bytes_per_s * 8 / 10**6


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned plain-text table: first column left-aligned, the others right."""
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every row must have one cell per header")
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first = str(cells[0]).ljust(widths[0])
        rest = (str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


# %% [markdown]
# ## Location updates: the write path
#
# Every online driver sends one update per interval, so the rate is drivers over
# interval. On the wire each update carries its JSON body plus a WebSocket frame
# header, a TLS record's overhead, and TCP and IP headers.

# %%
payload_bytes = len(json.dumps(SAMPLE_UPDATE, separators=(",", ":")).encode())
wire_bytes = (
    payload_bytes
    + websocket_client_overhead(payload_bytes)
    + TLS13_RECORD_OVERHEAD
    + TCP_HEADER_BYTES
    + IPV4_HEADER_BYTES
)
updates_per_s = per_second(DRIVERS_ONLINE_PEAK, UPDATE_INTERVAL_S)
ingress_bytes_per_s = updates_per_s * wire_bytes
write_primaries = primaries_for(updates_per_s, REDIS_UPDATES_PER_PRIMARY)

print(
    format_table(
        ["per update", "bytes"],
        [
            ["JSON payload", str(payload_bytes)],
            ["WebSocket frame header", str(websocket_client_overhead(payload_bytes))],
            ["TLS 1.3 record", str(TLS13_RECORD_OVERHEAD)],
            ["TCP + IPv4 headers", str(TCP_HEADER_BYTES + IPV4_HEADER_BYTES)],
            ["on the wire", str(wire_bytes)],
        ],
    )
)
print()
print(f"location updates per second at peak: {updates_per_s:,.0f}")
print(f"ingress: {ingress_bytes_per_s / MB:.1f} MB/s = {mbit_per_s(ingress_bytes_per_s):,.0f} Mbit/s")
print(
    f"Redis primaries for the writes alone: {write_primaries}"
    f" (at an assumed {REDIS_UPDATES_PER_PRIMARY:,} scripts/s each)"
)

# %% [markdown]
# ## Memory for the live positions
#
# Only the latest position of each online driver is live state; everything older is
# history. Multiply drivers by the measured bytes per driver.

# %%
live_bytes = DRIVERS_ONLINE_PEAK * LIVE_STATE_BYTES_PER_DRIVER
print(f"live state: {live_bytes / MB:,.0f} MB for {DRIVERS_ONLINE_PEAK:,} drivers")
print(f"share of one node's memory: {live_bytes / REDIS_NODE_MEMORY_BYTES:.1%}")

# %% [markdown]
# ## Searches: matching, and the rider's map
#
# Matching searches once per offer. The map of cars near an open rider app asks on
# every refresh, whether or not the rider books, which is why it is worth
# precomputing per cell instead of searching per rider.

# %%
avg_ride_qps = qps(RIDES_PER_DAY)
peak_ride_qps = qps(RIDES_PER_DAY, RIDE_PEAK_FACTOR)
peak_match_searches = peak_ride_qps * SEARCHES_PER_RIDE
nearby_map_reads = per_second(RIDER_APPS_OPEN_PEAK, NEARBY_REFRESH_S)
print(
    format_table(
        ["traffic", "per second"],
        [
            ["ride requests, average", f"{avg_ride_qps:,.0f}"],
            ["ride requests, peak", f"{peak_ride_qps:,.0f}"],
            ["matching searches, peak", f"{peak_match_searches:,.0f}"],
            ["nearby-cars map reads, peak", f"{nearby_map_reads:,.0f}"],
            ["location updates, peak", f"{updates_per_s:,.0f}"],
        ],
    )
)

# %% [markdown]
# ## History: what is kept and what is dropped
#
# Over a day fewer drivers are online than at the peak. The history keeps every
# point of a trip (the route is the receipt) and one in a few while a driver waits.
# Updates that arrive out of order, and duplicates, are dropped before they reach it.

# %%
updates_per_day = DRIVERS_ONLINE_PEAK * DAY_AVERAGE_SHARE * SECONDS_PER_DAY / UPDATE_INTERVAL_S
kept = kept_share(TRIP_SHARE, IDLE_KEEP_ONE_IN)
points_per_day = updates_per_day * kept
history_bytes_per_day = points_per_day * HISTORY_ROW_BYTES
history_retained = history_bytes_per_day * HISTORY_RETENTION_DAYS
print(f"updates received per day: {updates_per_day:,.0f}")
print(f"kept for history: {kept:.1%} = {points_per_day:,.0f} points a day")
print(f"history, raw: {history_bytes_per_day / GB:,.0f} GB a day")
print(f"history, {HISTORY_RETENTION_DAYS} days: {history_retained / TB:,.1f} TB before compression")

# %% [markdown]
# ## How it changes at 10x and 100x
#
# Multiply the drivers online (and the riders with them) and rerun the same helpers.
# Everything that follows drivers grows linearly; the number of primaries is what the
# design must plan for.

# %%
growth = {}
for scale in SCALES:
    ups = per_second(DRIVERS_ONLINE_PEAK * scale, UPDATE_INTERVAL_S)
    growth[scale] = (
        ups,
        ups * wire_bytes,
        DRIVERS_ONLINE_PEAK * scale * LIVE_STATE_BYTES_PER_DRIVER,
        primaries_for(ups, REDIS_UPDATES_PER_PRIMARY),
    )
print(
    format_table(
        ["scale", "updates/s", "ingress Mbit/s", "live state GB", "primaries"],
        [
            [f"{scale}x", f"{u:,.0f}", f"{mbit_per_s(b):,.0f}", f"{m / GB:,.1f}", str(n)]
            for scale, (u, b, m, n) in growth.items()
        ],
    )
)

# %% [markdown]
# The chart shows the write rate against the update interval for three fleet sizes,
# with the assumed budget of one Redis primary as a line. The interval is the cheapest knob:
# doubling it halves the writes, at the cost of a staler map.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
intervals = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15]
fleets = [DRIVERS_ONLINE_PEAK // 10, DRIVERS_ONLINE_PEAK, DRIVERS_ONLINE_PEAK * 10]
fig, ax = plt.subplots(figsize=(6.4, 4.4))
for fleet in fleets:
    ax.plot(intervals, [per_second(fleet, i) for i in intervals], marker="o", label=f"{fleet:,} drivers online")
ax.axhline(REDIS_UPDATES_PER_PRIMARY, linestyle="--", color="firebrick", label="one Redis primary (assumed budget)")
ax.axvline(UPDATE_INTERVAL_S, linestyle=":", color="gray", label="assumed interval")
ax.set_yscale("log")
ax.set_xlabel("seconds between location updates")
ax.set_ylabel("location updates per second")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The numbers together
#
# One table for the whiteboard.

# %%
summary = [
    ["drivers online, peak", f"{DRIVERS_ONLINE_PEAK:,}"],
    ["location updates/s, peak", f"{updates_per_s:,.0f}"],
    ["ingress, peak", f"{mbit_per_s(ingress_bytes_per_s):,.0f} Mbit/s"],
    ["live state in Redis", f"{live_bytes / MB:,.0f} MB"],
    ["Redis primaries for writes", str(write_primaries)],
    ["matching searches/s, peak", f"{peak_match_searches:,.0f}"],
    ["nearby-cars map reads/s, peak", f"{nearby_map_reads:,.0f}"],
    ["history per day, raw", f"{history_bytes_per_day / GB:,.0f} GB"],
]
print(format_table(["estimate", "value"], summary))

# %% [markdown]
# ## What the numbers say
#
# The live state is small and the write rate is not: memory fits one node many
# times over, while the update stream needs several primaries, so the write path
# decides the partitioning (by city or cell; see
# [partitioning](../../../system-design/partitioning/)). The map of nearby cars is
# read more often than matching searches by orders of magnitude, so it is served
# from a per-cell snapshot rather than a search per rider. And the history is a
# stream into cheap storage, sampled while drivers wait, never a database row per
# update (see [event streams](../../../system-design/event-streams/)).


# %% [markdown]
# ## Track it
#
# Where to go next: [the ride matching design](../../../system-design/ride-matching/)
# that these numbers size, [partitioning](../../../system-design/partitioning/) for
# splitting a city's drivers across shards, and [how to run a design
# round](../../../system-design/design-round/).
