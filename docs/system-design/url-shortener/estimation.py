# %% [markdown]
# # Estimation: a URL shortener at 1M clicks a day
#
# "Design a URL shortener that handles 1M clicks per day" is a classic opening of a
# system design round. Before you draw a single box, you size the system: how many
# requests per second, how much storage, how much memory for a cache, how much
# network traffic. Those numbers decide whether you need one database or fifty.
#
# This page is a notebook. Every number below is computed by the code you see, and
# the build runs it, so the numbers cannot drift from the code. Run it yourself:
# `python docs/system-design/url-shortener/estimation.py`.
#
# ## Why it matters
#
# On the job, an estimate tells you what to build and what not to build. It stops a
# team from sharding a database that fits on a laptop, and it warns you early when a
# cheap design will fall over. In the interview, the estimate is where you show that
# you reason from requirements instead of from buzzwords. The question names only
# "1M clicks per day"; everything else you must ask for or assume out loud.
#
# ## Ask before you compute
#
# - Is "click" the redirect (someone opens the short link) or the creation of a
#   short link? Here it is the redirect.
# - How many new links a day? If the interviewer does not know, propose a ratio.
# - How long do links live? Forever, or do they expire?
# - Do we need click analytics? That decides between a 301 and a 302 redirect.
# - Can users choose custom aliases? That changes how codes are generated.
#
# ## The assumptions, in one place
#
# Every input is a named constant in the next cell. Change one and rerun: every
# result and the chart follow. The comments say why each value is plausible. Units
# are decimal throughout: 1 KB = 1,000 bytes, 1 MB = 10^6 bytes, 1 GB = 10^9 bytes.

# %%
import math
import string
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Traffic
REDIRECTS_PER_DAY = 1_000_000  # given by the question: "1M clicks per day"
# A link is created once and then shared; most links get a handful of clicks and a
# few go viral, so reads dwarf writes. 100:1 is a common, defensible starting guess.
READ_WRITE_RATIO = 100
# Clicks follow the waking hours of the audience, and campaigns or a viral post add
# bursts on top. Assume the busiest moment of the day is 3x the daily average.
PEAK_FACTOR = 3.0
PEAK_HOUR = 20  # evening in the main audience's time zone; only shapes the chart

# What one stored link costs, field by field, in bytes
RECORD_FIELDS = {
    "short_code (7 ASCII chars)": 7,
    "long_url (average, incl. tracking params)": 200,
    "owner_id (64-bit integer)": 8,
    "created_at (timestamp)": 8,
    "expires_at (timestamp)": 8,
    "row header (database bookkeeping)": 24,
    "unique index entry on short_code": 24,
}
RETENTION_YEARS = 5
DAYS_PER_YEAR = 365
# One primary and two replicas: survive losing a node and still have a spare copy.
REPLICATION_FACTOR = 3

# Cache: the 80/20 rule says a fifth of the links get most of the clicks. Cache the
# hot 20% of the day's requested links. Treating every request as a distinct link
# makes this an upper bound: repeated clicks on the same link need no extra memory.
HOT_FRACTION = 0.2
CACHE_KEY_OVERHEAD_BYTES = 64  # per-key bookkeeping of an in-memory store like Redis

# Short codes: digits plus lower- and uppercase letters (base62)
ALPHABET = string.digits + string.ascii_lowercase + string.ascii_uppercase
CODE_LENGTHS = (6, 7)
CODE_LENGTH = 7  # the length we store; matches the short_code field above

# One node's budget: replace these with numbers you measured on your own hardware.
DB_NODE_READ_QPS = 5_000  # indexed point lookups on one modest database instance
DB_NODE_DISK_BYTES = 1_000 * 10**9  # 1 TB of usable disk per database node
CACHE_NODE_RAM_BYTES = 16 * 10**9  # 16 GB of RAM for one cache node

SECONDS_PER_DAY = 24 * 60 * 60
KB, MB, GB = 10**3, 10**6, 10**9  # decimal units everywhere on this page

# %% [markdown]
# ## Small, pure helpers
#
# Each formula is a tiny function that checks its input. A negative traffic figure or
# a zero record size is a mistake in the assumptions, so it raises `ValueError` with
# the name of the bad input instead of producing a plausible-looking wrong answer.


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


def record_bytes(fields: dict[str, int]) -> int:
    """Size of one stored record: the sum of its fields."""
    if not fields:
        raise ValueError("fields must name at least one field")
    for name, size in fields.items():
        _require_positive(f"field {name!r}", size)
    return sum(fields.values())


def storage_bytes(
    records_per_day: float, bytes_per_record: int, days: int, replication: int = 1
) -> float:
    """Bytes on disk after `days` of writes, counting every replica."""
    _require_positive("records_per_day", records_per_day)
    _require_positive("bytes_per_record", bytes_per_record)
    _require_positive("days", days)
    _require_positive("replication", replication)
    return records_per_day * days * bytes_per_record * replication


def cache_bytes(
    requests_per_day: float, hot_fraction: float, entry_bytes: int
) -> float:
    """Memory to hold the hot fraction of a day's requested links."""
    _require_positive("requests_per_day", requests_per_day)
    if not 0 < hot_fraction <= 1:
        raise ValueError(f"hot_fraction must be in (0, 1], got {hot_fraction!r}")
    _require_positive("entry_bytes", entry_bytes)
    return requests_per_day * hot_fraction * entry_bytes


def http_message_bytes(start_line: str, headers: dict[str, str], body: str = "") -> int:
    """Size of an HTTP/1.1 message on the wire, before TLS and TCP framing."""
    if not start_line:
        raise ValueError("start_line must not be empty")
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return len(f"{start_line}\r\n{head}\r\n{body}".encode())


def code_space(alphabet_size: int, length: int) -> int:
    """How many distinct codes of `length` characters the alphabet can spell."""
    _require_positive("alphabet_size", alphabet_size)
    _require_positive("length", length)
    return alphabet_size**length


def years_to_exhaust(space: int, codes_per_day: float) -> float:
    """Years until every code is used, at a constant creation rate."""
    _require_positive("space", space)
    _require_positive("codes_per_day", codes_per_day)
    return space / codes_per_day / DAYS_PER_YEAR


def p_any_collision(codes: int, space: int) -> float:
    """Birthday bound: chance that at least two of `codes` random codes are equal."""
    _require_positive("codes", codes)
    _require_positive("space", space)
    # -expm1(-x) is 1 - e^-x without losing precision when x is tiny.
    return -math.expm1(-codes * (codes - 1) / (2 * space))


def p_next_collision(existing: int, space: int) -> float:
    """Chance that one new random code hits one of `existing` codes."""
    if existing < 0:
        raise ValueError(f"existing must not be negative, got {existing!r}")
    _require_positive("space", space)
    return min(1.0, existing / space)


def diurnal_profile(
    average: float, peak_factor: float, samples: int = 96
) -> list[float]:
    """A day of load: a smooth bump whose mean is `average` and max is the peak.

    The bump is ((1 + cos t) / 2) ** 4, scaled and lifted so that the mean over the
    samples equals `average` and the maximum equals `average * peak_factor`.
    """
    _require_positive("average", average)
    _require_positive("samples", samples)
    if not peak_factor > 1:
        raise ValueError(f"peak_factor must be greater than 1, got {peak_factor!r}")
    shape = [
        ((1 + math.cos(2 * math.pi * i / samples)) / 2) ** 4 for i in range(samples)
    ]
    shape_mean = sum(shape) / samples
    amplitude = average * (peak_factor - 1) / (max(shape) - shape_mean)
    base = average - amplitude * shape_mean
    if base < 0:
        raise ValueError(
            f"peak_factor {peak_factor} is too high for this shape; "
            f"the maximum is {1 / shape_mean:.2f}"
        )
    return [base + amplitude * s for s in shape]


def mbit_per_s(bytes_per_s: float) -> float:
    """Bytes per second as megabits per second (decimal: 1 Mbit = 10^6 bits)."""
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
# ## What one stored link costs
#
# Break the record into fields and add them up. Say the field list out loud in the
# interview: it doubles as your first draft of the table schema. The long URL
# dominates, so the average URL length is the assumption worth questioning.

# %%
RECORD_BYTES = record_bytes(RECORD_FIELDS)
field_rows = [[name, str(size)] for name, size in RECORD_FIELDS.items()]
print(
    format_table(
        ["field", "bytes"], [*field_rows, ["total per record", str(RECORD_BYTES)]]
    )
)

# %% [markdown]
# ## Requests per second
#
# Divide the daily volume by the seconds in a day, then multiply by the peak factor.
# Size for the peak, not the average: the average is the load you almost never see.

# %%
NEW_URLS_PER_DAY = REDIRECTS_PER_DAY / READ_WRITE_RATIO

avg_read_qps = qps(REDIRECTS_PER_DAY)
peak_read_qps = qps(REDIRECTS_PER_DAY, PEAK_FACTOR)
avg_write_qps = qps(NEW_URLS_PER_DAY)
peak_write_qps = qps(NEW_URLS_PER_DAY, PEAK_FACTOR)

print(f"new links per day: {NEW_URLS_PER_DAY:,.0f}")
print(
    format_table(
        ["traffic", "average QPS", "peak QPS"],
        [
            ["reads (redirects)", f"{avg_read_qps:.2f}", f"{peak_read_qps:.2f}"],
            ["writes (new links)", f"{avg_write_qps:.3f}", f"{peak_write_qps:.3f}"],
        ],
    )
)

# %% [markdown]
# The chart spreads the same day over the clock. The curve is a formula, not data:
# a smooth evening bump whose average is the daily average and whose top is the
# assumed peak factor times that. Real traffic has spikes on top of this shape,
# which is why you keep headroom above the peak.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
profile = diurnal_profile(avg_read_qps, PEAK_FACTOR)
hours = [24 * i / len(profile) for i in range(len(profile))]
# Rotate so the bump peaks at PEAK_HOUR instead of midnight.
shift = round(PEAK_HOUR / 24 * len(profile))
profile = profile[-shift:] + profile[:-shift]

fig, ax = plt.subplots(figsize=(6.4, 3.2))
ax.plot(hours, profile, label="reads per second (synthetic day)")
ax.axhline(avg_read_qps, linestyle="--", color="gray", label="daily average")
ax.axhline(peak_read_qps, linestyle=":", color="firebrick", label="assumed peak")
ax.set_xlim(0, 24)
ax.set_xticks(range(0, 25, 3))
ax.set_ylim(0, peak_read_qps * 1.2)  # headroom so the peak line is not on the frame
ax.set_xlabel("hour of day")
ax.set_ylabel("redirects per second")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Storage over five years
#
# Only writes grow storage; redirects read what is already there. Multiply new links
# per day by days of retention by bytes per record, then by the replication factor
# for what you actually buy. Each replica holds a full copy, so one node needs the
# raw figure, not the replicated one.

# %%
RETENTION_DAYS = RETENTION_YEARS * DAYS_PER_YEAR

total_records = NEW_URLS_PER_DAY * RETENTION_DAYS
raw_storage = storage_bytes(NEW_URLS_PER_DAY, RECORD_BYTES, RETENTION_DAYS)
replicated_storage = storage_bytes(
    NEW_URLS_PER_DAY, RECORD_BYTES, RETENTION_DAYS, REPLICATION_FACTOR
)
print(f"links stored after {RETENTION_YEARS} years: {total_records:,.0f}")
print(
    format_table(
        ["storage", "GB (decimal)"],
        [
            ["raw, one copy", f"{raw_storage / GB:.2f}"],
            [f"replicated x{REPLICATION_FACTOR}", f"{replicated_storage / GB:.2f}"],
        ],
    )
)

# %% [markdown]
# ## Cache for the hot links
#
# A cache entry needs the short code as the key, the long URL as the value, and the
# store's per-key overhead. Twenty percent of the day's requests is the assumed hot
# set, and counting each request as its own link makes the figure a ceiling.

# %%
CACHE_ENTRY_BYTES = (
    RECORD_FIELDS["short_code (7 ASCII chars)"]
    + RECORD_FIELDS["long_url (average, incl. tracking params)"]
    + CACHE_KEY_OVERHEAD_BYTES
)
hot_cache = cache_bytes(REDIRECTS_PER_DAY, HOT_FRACTION, CACHE_ENTRY_BYTES)
print(f"bytes per cache entry: {CACHE_ENTRY_BYTES}")
print(f"hot entries per day (upper bound): {REDIRECTS_PER_DAY * HOT_FRACTION:,.0f}")
print(f"cache memory: {hot_cache / MB:.1f} MB")

# %% [markdown]
# ## Bandwidth
#
# A redirect carries no body: the response is a status line and headers, and the
# `Location` header holds the long URL. Rather than guess a size, build a typical
# request and response and measure them. These are HTTP/1.1 sizes before TLS and TCP
# framing; HTTP/2 compresses repeated headers, so treat them as a generous estimate.

# %%
LONG_URL_BYTES = RECORD_FIELDS["long_url (average, incl. tracking params)"]
url_prefix = "https://shop.example.com/landing?utm_source=newsletter&ref="
sample_long_url = url_prefix + "x" * (LONG_URL_BYTES - len(url_prefix))
sample_code = ALPHABET[:CODE_LENGTH]

redirect_request = http_message_bytes(
    f"GET /{sample_code} HTTP/1.1",
    {
        "Host": "sho.rt",
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0",
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language": "en-US,en;q=0.5",
        "Accept-Encoding": "gzip, deflate, br",
    },
)
redirect_response = http_message_bytes(
    "HTTP/1.1 302 Found",
    {
        "Location": sample_long_url,
        "Date": "Mon, 01 Jan 2024 00:00:00 GMT",
        "Cache-Control": "private, max-age=90",
        "Content-Length": "0",
    },
)
create_body = f'{{"url": "{sample_long_url}"}}'
create_request = http_message_bytes(
    "POST /api/links HTTP/1.1",
    {
        "Host": "sho.rt",
        "Authorization": "Bearer " + "t" * 40,
        "Content-Type": "application/json",
        "Content-Length": str(len(create_body)),
    },
    create_body,
)
created_body = (
    f'{{"code": "{sample_code}", "short_url": "https://sho.rt/{sample_code}"}}'
)
create_response = http_message_bytes(
    "HTTP/1.1 201 Created",
    {
        "Location": f"/api/links/{sample_code}",
        "Content-Type": "application/json",
        "Content-Length": str(len(created_body)),
    },
    created_body,
)

ingress_avg = avg_read_qps * redirect_request + avg_write_qps * create_request
egress_avg = avg_read_qps * redirect_response + avg_write_qps * create_response
print(
    format_table(
        ["message", "bytes"],
        [
            ["redirect request", str(redirect_request)],
            ["redirect response (302)", str(redirect_response)],
            ["create request", str(create_request)],
            ["create response (201)", str(create_response)],
        ],
    )
)
print()
print(
    format_table(
        ["direction", "avg KB/s", "peak KB/s", "peak Mbit/s"],
        [
            [
                name,
                f"{avg / KB:.2f}",
                f"{avg * PEAK_FACTOR / KB:.2f}",
                f"{mbit_per_s(avg * PEAK_FACTOR):.3f}",
            ]
            for name, avg in [("ingress", ingress_avg), ("egress", egress_avg)]
        ],
    )
)

# %% [markdown]
# ## How many short codes, and for how long
#
# Base62 gives 62 choices per character, so a code of length n can spell 62^n
# distinct values. Divide by the creation rate to see how long each length lasts.
#
# If codes are random instead of drawn from a counter, two questions matter. First,
# will any two codes ever collide? The birthday bound answers: the chance is about
# 1 - e^(-n^2 / 2N) for n codes out of N possible. Second, how often does a single
# insert collide? That is just n / N. The first tells you a unique constraint is
# mandatory; the second tells you retries will be rare.

# %%
print(f"alphabet size: {len(ALPHABET)}")
print(f"codes issued in {RETENTION_YEARS} years: {total_records:,.0f}")
spaces = {length: code_space(len(ALPHABET), length) for length in CODE_LENGTHS}
print(
    format_table(
        ["length", "distinct codes", "years to use up"],
        [
            [
                f"{n} chars",
                f"{space:,}",
                f"{years_to_exhaust(space, NEW_URLS_PER_DAY):,.0f}",
            ]
            for n, space in spaces.items()
        ],
    )
)
print()
print(
    format_table(
        ["length", "P(any clash)", "P(clash per insert)"],
        [
            [
                f"{n} chars",
                f"{p_any_collision(int(total_records), space):.4f}",
                f"{p_next_collision(int(total_records), space):.2e}",
            ]
            for n, space in spaces.items()
        ],
    )
)

# %% [markdown]
# ## The numbers together
#
# One table to put on the whiteboard. The last rows compare the peak load, the
# stored data and the cache with the budget of a single node from the assumptions
# cell.

# %%
one_node_share = {
    "peak reads vs one DB node": peak_read_qps / DB_NODE_READ_QPS,
    "5-year data vs one DB disk": raw_storage / DB_NODE_DISK_BYTES,
    "hot cache vs one cache node": hot_cache / CACHE_NODE_RAM_BYTES,
}
summary = [
    ["average read QPS", f"{avg_read_qps:.2f}"],
    ["peak read QPS", f"{peak_read_qps:.2f}"],
    ["average write QPS", f"{avg_write_qps:.3f}"],
    ["peak write QPS", f"{peak_write_qps:.3f}"],
    [f"storage, {RETENTION_YEARS} years, raw", f"{raw_storage / GB:.2f} GB"],
    [f"storage, replicated x{REPLICATION_FACTOR}", f"{replicated_storage / GB:.2f} GB"],
    ["hot cache (upper bound)", f"{hot_cache / MB:.1f} MB"],
    ["peak egress", f"{mbit_per_s(egress_avg * PEAK_FACTOR):.3f} Mbit/s"],
] + [[name, f"{share:.2%}"] for name, share in one_node_share.items()]
print(format_table(["estimate", "value"], summary))

# %% [markdown]
# ## Conclusion: this is a small system
#
# Every share in the last rows is a small fraction of one machine. One primary
# database, with its replicas for failover, holds everything, and a small cache in front
# of it absorbs the hot links and keeps redirect latency low. No sharding, no
# message queue, no exotic storage. Saying this plainly, with the numbers behind
# it, is a strong move: over-engineering a system this size is a red flag.
#
# The design pressure is elsewhere: picking the code-generation strategy, choosing
# 301 or 302, expiring links, and keeping the redirect path fast and available.
#
# ## How it changes at 100x
#
# Multiply the traffic by a hundred and rerun the same helpers.

# %%
SCALE = 100
big_reads_per_day = REDIRECTS_PER_DAY * SCALE
big_writes_per_day = NEW_URLS_PER_DAY * SCALE
big_peak_reads = qps(big_reads_per_day, PEAK_FACTOR)
big_raw_storage = storage_bytes(big_writes_per_day, RECORD_BYTES, RETENTION_DAYS)
big_cache = cache_bytes(big_reads_per_day, HOT_FRACTION, CACHE_ENTRY_BYTES)
code_years = {
    length: (
        years_to_exhaust(code_space(len(ALPHABET), length), NEW_URLS_PER_DAY),
        years_to_exhaust(code_space(len(ALPHABET), length), big_writes_per_day),
    )
    for length in CODE_LENGTHS
}
print(
    format_table(
        ["estimate", "today", f"at {SCALE}x"],
        [
            ["peak read QPS", f"{peak_read_qps:,.0f}", f"{big_peak_reads:,.0f}"],
            [
                "peak write QPS",
                f"{peak_write_qps:.2f}",
                f"{qps(big_writes_per_day, PEAK_FACTOR):.2f}",
            ],
            [
                "5-year data, raw (GB)",
                f"{raw_storage / GB:,.0f}",
                f"{big_raw_storage / GB:,.0f}",
            ],
            ["hot cache (GB)", f"{hot_cache / GB:.2f}", f"{big_cache / GB:.2f}"],
            [
                "peak reads vs one DB node",
                f"{peak_read_qps / DB_NODE_READ_QPS:.1%}",
                f"{big_peak_reads / DB_NODE_READ_QPS:.1%}",
            ],
            [
                "5-year data vs one DB disk",
                f"{raw_storage / DB_NODE_DISK_BYTES:.1%}",
                f"{big_raw_storage / DB_NODE_DISK_BYTES:.1%}",
            ],
            [
                "hot cache vs one cache node",
                f"{hot_cache / CACHE_NODE_RAM_BYTES:.1%}",
                f"{big_cache / CACHE_NODE_RAM_BYTES:.1%}",
            ],
            *(
                [f"years of {length}-char codes", f"{now:,.0f}", f"{big:,.0f}"]
                for length, (now, big) in code_years.items()
            ),
        ],
    )
)

# %% [markdown]
# Read the shares, not the raw numbers. At a hundred times the traffic, each axis
# lands at a large fraction of one node. That changes the design in specific ways:
#
# - **The cache becomes mandatory.** Without it, peak reads eat most of one
#   database's budget, and a viral link pushes the real peak above the assumed
#   factor. With a high hit ratio the database sees only the misses.
# - **Reads go to replicas.** Send redirects that miss the cache to read replicas
#   and keep the primary for writes.
# - **Storage needs a plan.** Five years of links now fill a large share of one disk.
#   Expire dead links, archive old ones, or partition by short code before the
#   disk fills, not after.
# - **Code generation needs coordination.** With many app servers, a single counter
#   becomes a bottleneck; hand out counter ranges to each server, or use random
#   codes with a unique constraint and retry.
# - **Code length can stay.** Even the shorter length lasts for generations at this
#   rate, as the last rows show.
#
# ## Trade-offs
#
# | Option | Pick it when | What it costs | How it fails |
# |---|---|---|---|
# | 302 redirect | You need click stats or may change the target | Every click hits you | Bots inflate load and stats |
# | 301 redirect | Links never change; no stats needed | Browsers cache it; you go blind | A wrong target stays cached |
# | Counter + base62 | One writer, or a counter range per server | A counter service | Guessable codes; lost ranges |
# | Random code + unique key | Many writers, no coordination | Retries; a longer code | Retries rise as space fills |
# | Truncated URL hash | The same URL must get the same code | Clashes across URLs | Owners share a code and stats |
#
# ## What an interviewer looks for
#
# - **Requirements first.** You ask what a click is, the read-to-write ratio,
#   retention, and whether analytics matter before computing anything. Jumping to
#   code or to a diagram without this is the red flag the seed names.
# - **Stated assumptions.** Every number you use is either given or said out loud
#   with a reason. The interviewer can then push on one and watch you recompute.
# - **Peak, not average.** You size for the busiest moment and say where the peak
#   factor comes from.
# - **Units that add up.** Decimal units, bytes per record from real fields, and
#   a clear line between raw and replicated storage.
# - **A verdict.** You finish with "this fits on one database, its replicas and a
#   small cache" and explain what would change at 10x or 100x. Candidates who shard a
#   system this size without a reason lose points.
#
# Red flags: no numbers at all, numbers with no stated source, averaging away the
# peak, confusing bits and bytes, or a design that does not follow from the estimate.
#
# ## In production
#
# - **Check the estimate against reality.** Dashboard the real peak-to-average ratio,
#   the read-to-write ratio, and the average long URL length. When they drift from
#   your assumptions, rerun this notebook with the new values.
# - **Monitor the cache hit ratio** and the database's read QPS. A falling hit ratio
#   is the first sign that the hot set no longer fits.
# - **Watch storage growth** per day, not just free disk, so you see the trend early.
# - **Expect bots.** Crawlers and link previewers in chat apps fetch every short link.
#   They inflate the read ratio and skew your analytics.
#
# ## Track it
#
# Where to go next: the [interview guide](../../../interview/) for how the system
# design round fits the loop, [SQL joins, grouping and indexes](../../../data/sql-most-orders/)
# for the index that makes the short-code lookup fast, and
# [REST resource design](../../../apis/rest/) for the create-link API.
