# %% [markdown]
# # Estimation: a rate limiter for a large public API
#
# A shared limiter puts one Redis call in front of every request the fleet
# serves. Before choosing an algorithm or a topology, size that: how many
# checks per second, how many keys are alive at once, how many bytes each
# costs, and how many Redis shards carry it. The estimate decides whether one
# Redis primary is enough or whether the limiter needs a cluster of its own.
#
# This page is a notebook: every number below is computed by the code you see,
# and the build runs it. Run it yourself with
# `python docs/system-design/rate-limiter/estimation.py`. The design it
# supports is on [the rate limiter design page](../../../system-design/rate-limiter/).
#
# ## The assumptions, in one place
#
# Every input is a named constant in the next cell, with the reason it is
# plausible. Change one and rerun: every result and the chart follow. Units
# are decimal: 1 GB is 10^9 bytes.

# %%
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Traffic. A public API with ten million clients a day: API keys, signed-in
# users, and anonymous addresses keyed by IPv4 address or IPv6 /64.
DAILY_ACTIVE_CLIENTS = 10_000_000
# Most clients make a few calls; integrations poll. 500 a day is a mean over both.
REQUESTS_PER_CLIENT_PER_DAY = 500
# Traffic follows the working day across time zones; size for 3x the average.
PEAK_FACTOR = 3.0
SECONDS_PER_DAY = 86_400

# The limiter. Each request meets two policies (a per-second burst limit and
# an hourly quota, like the design's search route). One EVALSHA checks both,
# so the Redis load is one script call per request, whatever the policy count.
POLICIES_PER_REQUEST = 2
SCRIPT_CALLS_PER_REQUEST = 1

# Memory. A GCRA bucket is one string key holding an integer. MEMORY USAGE
# reports 72 bytes for a bucket named like "rl:{k:0123456789abcdef}:s" on
# Redis 7.0.15 (tests/system_design/rate_limiter/test_estimation.py measures
# it on the running server). It leaves out the key's entry in the table of
# expiring keys and both hash tables' slots, so allow 64 bytes more; the same
# test writes 200,000 such keys to a private, empty redis-server and checks
# that the growth of used_memory per key lies between the two figures.
MEMORY_USAGE_BYTES = 72
UNCOUNTED_BYTES_PER_KEY = 64

# One shard: a Redis primary and its replica. Redis runs commands on one
# thread, and the script runs a GET and a SET per policy. 25,000 script calls
# a second per primary is an assumption (a planning budget), not a
# measurement or a vendor figure: replace it with what the redis-benchmark
# rows of benchmarks/system_design/rate_limiter.py show on your hardware,
# leaving half of it as headroom.
SCRIPT_CALLS_PER_SHARD_PER_S = 25_000
# Half of a 16 GB node for data: the rest is for fragmentation, the replica's
# output buffer and the copy-on-write fork of a background save.
SHARD_DATA_BYTES = 8 * 10**9
REPLICAS_PER_SHARD = 1

# One check on the wire: the command the app sends and the reply, in RESP.
SAMPLE_COMMAND = [
    "EVALSHA",
    "0" * 40,  # the script's SHA1 in hex
    "2",  # two keys follow
    "rl:{k:0123456789abcdef}:s",
    "rl:{k:0123456789abcdef}:h",
    "1733097600123456",  # now, in microseconds
    "1",  # cost
    "100000",  # per second: interval (us)
    "1000000",  # and capacity (us)
    "1800000",  # per hour: interval (us)
    "3600000000",  # and capacity (us)
]
# The script's reply to that command on fresh buckets: whether all fit, then
# five integers per policy (fits, remaining, wait, debt, time to the next
# unit). test_estimation.py runs the command on Redis and compares.
SAMPLE_REPLY = [1, 1, 9, 0, 100000, 100000, 1, 1999, 0, 1800000, 1800000]
FIELDS_PER_POLICY = 5

KB, MB, GB = 10**3, 10**6, 10**9
SCALES = (1, 10, 100)


# %% [markdown]
# ## Small, pure helpers
#
# Each formula is a function that checks its input and raises `ValueError`
# naming the bad value, so a typo in the assumptions fails loudly instead of
# producing a plausible wrong answer.


# %%
def _require_positive(name: str, value: float) -> None:
    if not value > 0:  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def qps(per_day: float, peak_factor: float = 1.0) -> float:
    """Requests per second for a daily volume, optionally scaled to the peak."""
    _require_positive("per_day", per_day)
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


def live_keys(clients: float, policies: int) -> float:
    """Upper bound on buckets alive at once: every client holds one per policy.

    A GCRA key expires once its bucket is full again, at most one period after
    the client's last request. Counting every daily client is the ceiling;
    the hourly policy's keys come close to it, the per-second ones do not.
    """
    _require_positive("clients", clients)
    if isinstance(policies, bool) or not isinstance(policies, int) or policies < 1:
        raise ValueError(f"policies must be a whole number >= 1, got {policies!r}")
    return clients * policies


def shards_for(load: float, capacity_per_shard: float) -> int:
    """Shards needed so that none carries more than its capacity."""
    if load < 0 or math.isnan(load):
        raise ValueError(f"load must not be negative, got {load!r}")
    _require_positive("capacity_per_shard", capacity_per_shard)
    return max(1, math.ceil(load / capacity_per_shard))


def resp_command_bytes(args: Sequence[str]) -> int:
    """Bytes of a command in RESP: an array of bulk strings."""
    if not args:
        raise ValueError("a command needs at least its name")
    size = len(f"*{len(args)}\r\n")
    for arg in args:
        data = arg.encode()
        size += len(f"${len(data)}\r\n") + len(data) + 2
    return size


def resp_integers_bytes(values: Sequence[int]) -> int:
    """Bytes of a RESP array of integers, as a script's reply comes back."""
    if not values:
        raise ValueError("a reply needs at least one value")
    return len(f"*{len(values)}\r\n") + sum(len(f":{v}\r\n") for v in values)


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
# ## Checks per second
#
# Every request the fleet serves is one script call, so the limiter's load is
# the fleet's load. Size for the peak.

# %%
requests_per_day = DAILY_ACTIVE_CLIENTS * REQUESTS_PER_CLIENT_PER_DAY
avg_rps = qps(requests_per_day)
peak_rps = qps(requests_per_day, PEAK_FACTOR)
peak_script_calls = peak_rps * SCRIPT_CALLS_PER_REQUEST
print(
    format_table(
        ["traffic", "per second"],
        [
            ["requests, average", f"{avg_rps:,.0f}"],
            ["requests, peak", f"{peak_rps:,.0f}"],
            ["script calls, peak", f"{peak_script_calls:,.0f}"],
        ],
    )
)

# %% [markdown]
# ## Keys alive at once, and their memory
#
# A bucket that is full again is deleted by its own expiry, so memory follows
# recent clients, not every client ever seen. The ceiling is every daily
# client holding a key for every policy.

# %%
BYTES_PER_KEY = MEMORY_USAGE_BYTES + UNCOUNTED_BYTES_PER_KEY
keys = live_keys(DAILY_ACTIVE_CLIENTS, POLICIES_PER_REQUEST)
memory = keys * BYTES_PER_KEY
print(
    format_table(
        ["memory", "value"],
        [
            ["bytes per key, all in", f"{BYTES_PER_KEY}"],
            ["keys alive (upper bound)", f"{keys:,.0f}"],
            ["memory, one copy", f"{memory / GB:.2f} GB"],
        ],
    )
)

# %% [markdown]
# ## Shards
#
# Two limits decide the shard count: script calls per second and bytes of
# data. Whichever needs more shards wins. Each shard is a primary plus its
# replicas, so the node count multiplies.

# %%
shards_by_calls = shards_for(peak_script_calls, SCRIPT_CALLS_PER_SHARD_PER_S)
shards_by_memory = shards_for(memory, SHARD_DATA_BYTES)
shards = max(shards_by_calls, shards_by_memory)
nodes = shards * (1 + REPLICAS_PER_SHARD)
command_bytes = resp_command_bytes(SAMPLE_COMMAND)
reply_bytes = resp_integers_bytes(SAMPLE_REPLY)
per_shard_mbit = peak_script_calls / shards * (command_bytes + reply_bytes) * 8 / 10**6
print(
    format_table(
        ["shards", "value"],
        [
            ["needed for script calls", f"{shards_by_calls}"],
            ["needed for memory", f"{shards_by_memory}"],
            ["shards", f"{shards}"],
            ["nodes with replicas", f"{nodes}"],
            ["bytes per check (command + reply)", f"{command_bytes} + {reply_bytes}"],
            ["traffic per shard at peak", f"{per_shard_mbit:.0f} Mbit/s"],
        ],
    )
)

# %% [markdown]
# Calls, not memory, decide the shard count: a limiter is a throughput
# problem. That is why the design spends effort on one script call per request
# and on keeping the script short.
#
# ## At 10x and 100x
#
# The same helpers with the daily clients multiplied. Both limits grow
# linearly, and calls stay ahead of memory.

# %%
growth = {}
for scale in SCALES:
    calls = qps(requests_per_day * scale, PEAK_FACTOR) * SCRIPT_CALLS_PER_REQUEST
    mem = live_keys(DAILY_ACTIVE_CLIENTS * scale, POLICIES_PER_REQUEST) * BYTES_PER_KEY
    growth[scale] = (
        calls,
        mem,
        shards_for(calls, SCRIPT_CALLS_PER_SHARD_PER_S),
        shards_for(mem, SHARD_DATA_BYTES),
    )
print(
    format_table(
        ["scale", "peak calls/s", "memory GB", "shards (calls)", "shards (memory)"],
        [
            [f"{s}x", f"{c:,.0f}", f"{m / GB:,.1f}", f"{sc}", f"{sm}"]
            for s, (c, m, sc, sm) in growth.items()
        ],
    )
)

# %% [markdown]
# The chart draws the same two limits over the whole range of scales. The
# line that sits higher is the one to plan for.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
scales = [1 + i * 0.5 for i in range(199)]  # 1x to 100x
by_calls = [
    shards_for(qps(requests_per_day * s, PEAK_FACTOR), SCRIPT_CALLS_PER_SHARD_PER_S)
    for s in scales
]
by_memory = [
    shards_for(
        live_keys(DAILY_ACTIVE_CLIENTS * s, POLICIES_PER_REQUEST) * BYTES_PER_KEY,
        SHARD_DATA_BYTES,
    )
    for s in scales
]
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.step(scales, by_calls, where="post", label="shards for script calls")
ax.step(scales, by_memory, where="post", linestyle="--", label="shards for memory")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("traffic, multiple of today (log scale)")
ax.set_ylabel("Redis primaries (log scale)")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The numbers together

# %%
summary = [
    ["peak requests per second", f"{peak_rps:,.0f}"],
    ["script calls per second, peak", f"{peak_script_calls:,.0f}"],
    ["keys alive (upper bound)", f"{keys:,.0f}"],
    ["memory, one copy", f"{memory / GB:.2f} GB"],
    ["shards (primaries)", f"{shards}"],
    ["nodes with replicas", f"{nodes}"],
]
print(format_table(["estimate", "value"], summary))


# %% [markdown]
# ## Track it
#
# Where to go next: [the rate limiter design](../../../system-design/rate-limiter/)
# that these numbers size, [Redis rate limits](../../../data/redis-rate-limits/) for
# the counters these numbers size, and [how to run a design
# round](../../../system-design/design-round/).
