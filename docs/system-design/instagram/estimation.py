# %% [markdown]
# # Estimation: photo sharing for 500M daily users
#
# Before you draw the boxes of an Instagram-like service, size it: how many
# photos arrive per second, how many bytes each one becomes, what the bucket
# holds after five years and in which storage class, how many bytes leave
# through the CDN, how many workers make the thumbnails, and how much memory
# the feed cache takes.
#
# This page is a notebook: every number below is computed by the code you see,
# and the build runs it. Run it yourself:
# `python docs/system-design/instagram/estimation.py`.
#
# ## The assumptions, in one place
#
# Every input is a named constant in the next cell, with why it is plausible.
# Units are decimal: 1 KB = 1,000 bytes, 1 PB = 10^15 bytes. Prices are S3's
# US East list prices in US dollars as of December 2026, the same as the
# storage-tier model on [the design page](../../../system-design/instagram/),
# with Standard's lower prices for large volumes; they change, so check them.
# One input is measured: photos per second one thumbnail worker makes, by the
# benchmark.

# %%
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

KB, MB, GB, TB, PB = 10**3, 10**6, 10**9, 10**12, 10**15
SECONDS_PER_DAY = 86_400
DAYS_PER_YEAR = 365
DAYS_PER_MONTH = 30  # the bill's month, as in the tier model

# Users and what they do
DAU = 500_000_000  # the size the question names: hundreds of millions a day
UPLOADS_PER_DAY = 100_000_000  # one upload a day for every fifth daily user
FEED_OPENS_PER_DAU = 10  # short sessions through the day
POSTS_PER_FEED_PAGE = 20  # one page of the feed: ids from the cache, then photos
PEAK_FACTOR = 2.0  # evening peak over the daily mean

# What one photo becomes: the original and three renditions, median bytes (the
# same figures as examples/system_design/instagram/tiering.py). A 12 MP phone
# JPEG is a few MB; a 1,080-pixel JPEG at quality 82 a few hundred KB.
RENDITION_BYTES = {
    "original": 2_500_000,
    "large": 180_000,  # 1,080 px: full screen, what the feed sends to phones
    "medium": 70_000,  # 640 px: slow networks, the web grid
    "small": 9_000,  # 150 px: profile grids, notifications
}
VIEWED_RENDITION = "large"
CDN_HIT_RATIO = 0.95  # recent photos are hot; the CDN keeps most of the reads
YEARS = 5

# Storage classes (per GB-month) and where each kind lives: the policy the
# design page's model found cheapest. Originals are written to Standard, where
# the thumbnail worker reads them once, and a lifecycle rule (Days=0) moves
# them to Glacier Instant Retrieval at the next midnight UTC. Renditions stay
# in Standard: moving them loses money in the first year, and only the large
# one's move to IA pays later, so this bill is an upper bound for them.
# US East list prices from the S3 pricing page; they change, check them.
PRICE_GB_MONTH = {"Standard": 0.023, "Glacier IR": 0.004}  # first-tier prices
# Standard is cheaper by volume: the first 50 TB, the next 450 TB, the rest.
STANDARD_VOLUME_TIERS = ((50 * TB, 0.023), (450 * TB, 0.022), (math.inf, 0.021))
TRANSITION_PER_1000 = 0.02  # one lifecycle move into Glacier IR per original
GET_PER_1000 = 0.0004  # the worker's read of each original, in Standard
TIER_OF = {
    "original": "Glacier IR",
    "large": "Standard",
    "medium": "Standard",
    "small": "Standard",
}

# Thumbnail workers. Measured: benchmarks/system_design/instagram.py, a 12 MP
# photo (4032x3024, 2.57 MB with sensor-like grain), draft decoding, three
# renditions: 10.9 to 11.5 photos per CPU second on one core in three runs on
# a shared machine (fully decoded, 4.1 to 4.3). Runs move with the machine's
# load, and noisier photos decode slower, so the estimate keeps a margin of
# over a third below the lowest run: the estimate uses 7.0 photos per CPU
# second.
THUMBNAIL_JOBS_PER_WORKER_S = 7.0
WORKER_UTILIZATION = 0.6  # headroom for retries, a backlog after an outage

# The feed cache: a Redis sorted set of post ids per active user
FEED_CACHE_CAP = 500  # ids kept per user; deeper scrolls read the database
# Measured on Redis 7.0 by the news feed page (timeline_memory.py): an 800-id
# sorted set, a skiplist, takes about 120 bytes per id.
BYTES_PER_FEED_ID = 120
CACHE_REPLICAS = 3  # a primary and two replicas per shard
POST_ROW_BYTES = 500  # post metadata: ids, caption, keys of the renditions


# %% [markdown]
# ## Small, checked helpers
#
# Each formula is a function that refuses nonsense (zero uploads, a ratio
# above one) with a `ValueError` naming the input.


# %%
def _require_positive(name: str, value: float) -> None:
    if not value > 0:  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def per_second(per_day: float, peak_factor: float = 1.0) -> float:
    """A daily count or volume as a per-second rate, optionally at the peak."""
    if per_day < 0:
        raise ValueError(f"per_day must not be negative, got {per_day!r}")
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


def gbit_per_s(bytes_per_s: float) -> float:
    """Bytes per second as gigabits per second (1 Gbit = 10^9 bits)."""
    if bytes_per_s < 0:
        raise ValueError(f"bytes_per_s must not be negative, got {bytes_per_s!r}")
    return bytes_per_s * 8 / 10**9


def workers_needed(jobs_per_s: float, per_worker: float, utilization: float) -> int:
    """Workers to keep up with `jobs_per_s`, each run at `utilization` of its rate."""
    if jobs_per_s < 0:
        raise ValueError(f"jobs_per_s must not be negative, got {jobs_per_s!r}")
    _require_positive("per_worker", per_worker)
    if not 0 < utilization <= 1:
        raise ValueError(f"utilization must be in (0, 1], got {utilization!r}")
    return max(1, math.ceil(jobs_per_s / (per_worker * utilization)))


def stored_by_tier(uploads_per_day: float, years: float) -> dict[str, float]:
    """Bytes in each storage class after `years` of uploads (none deleted)."""
    _require_positive("uploads_per_day", uploads_per_day)
    if years < 0:
        raise ValueError(f"years must not be negative, got {years!r}")
    photos = uploads_per_day * DAYS_PER_YEAR * years
    tiers = dict.fromkeys(PRICE_GB_MONTH, 0.0)
    for kind, size in RENDITION_BYTES.items():
        tiers[TIER_OF[kind]] += photos * size
    return tiers


def storage_usd(tier: str, stored_bytes: float) -> float:
    """A month's storage bill for `stored_bytes` in one class, at list prices."""
    if tier not in PRICE_GB_MONTH:
        raise ValueError(f"tier must be one of {sorted(PRICE_GB_MONTH)}, got {tier!r}")
    if stored_bytes < 0:
        raise ValueError(f"stored_bytes must not be negative, got {stored_bytes!r}")
    if tier != "Standard":
        return stored_bytes / GB * PRICE_GB_MONTH[tier]
    usd, left = 0.0, stored_bytes
    for band, price in STANDARD_VOLUME_TIERS:  # each band at its own price
        usd += min(left, band) / GB * price
        left -= min(left, band)
    return usd


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
# ## Uploads: photos per second and bytes per day
#
# Every upload is one original and three renditions. The bytes come in as
# originals (through presigned URLs, straight to the bucket) and are written
# again as renditions by the workers.

# %%
uploads_mean = per_second(UPLOADS_PER_DAY)
uploads_peak = per_second(UPLOADS_PER_DAY, PEAK_FACTOR)
print(f"uploads: {uploads_mean:,.0f} per s mean, {uploads_peak:,.0f} per s peak")
per_day = {kind: UPLOADS_PER_DAY * size for kind, size in RENDITION_BYTES.items()}
print(
    format_table(
        ["rendition", "bytes each", "TB per day"],
        [[k, f"{RENDITION_BYTES[k]:,}", f"{b / TB:,.1f}"] for k, b in per_day.items()]
        + [["all", "", f"{sum(per_day.values()) / TB:,.1f}"]],
    )
)
ingress_peak = gbit_per_s(per_second(per_day["original"], PEAK_FACTOR))
print(f"peak upload into the bucket: {ingress_peak:,.1f} Gbit/s")

# %% [markdown]
# ## Storage after five years, by tier
#
# Nothing is deleted, so this is an upper bound. Object storage bills logical
# bytes; its own redundancy is in the price. The table is storage alone; the
# line under it adds the requests that put each original in its class. GETs of
# CDN misses, retrieval and egress are further lines of the bill.

# %%
tiers = stored_by_tier(UPLOADS_PER_DAY, YEARS)
all_standard = storage_usd("Standard", sum(tiers.values()))
tiered = sum(storage_usd(t, b) for t, b in tiers.items())
print(
    format_table(
        [f"after {YEARS} years", "PB", "USD a month"],
        [[t, f"{b / PB:,.1f}", f"{storage_usd(t, b):,.0f}"] for t, b in tiers.items()]
        + [["total", f"{sum(tiers.values()) / PB:,.1f}", f"{tiered:,.0f}"]],
    )
)
print(f"the same bytes all in Standard: {all_standard:,.0f} USD a month")
per_original = (TRANSITION_PER_1000 + GET_PER_1000) / 1000
originals_requests = UPLOADS_PER_DAY * DAYS_PER_MONTH * per_original
print(f"moving and reading each month's originals: {originals_requests:,.0f} USD")

# %% [markdown]
# The chart stacks the two tiers year by year.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
years = list(range(YEARS + 1))
by_year = {
    t: [stored_by_tier(UPLOADS_PER_DAY, y)[t] / PB for y in years] for t in tiers
}
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.stackplot(years, *by_year.values(), labels=list(by_year))
ax.set_xlim(0, YEARS)
ax.set_xlabel("years from launch")
ax.set_ylabel("stored (PB)")
ax.set_title("Originals dominate the bytes; they go cold first")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Reads: the feed, the photos, the egress
#
# Each feed open reads one page of post ids from the cache, then the phone
# fetches each photo's viewed rendition from the CDN. The bucket sees only the
# CDN's misses.

# %%
feed_reads_peak = per_second(DAU * FEED_OPENS_PER_DAU, PEAK_FACTOR)
views_per_day = DAU * FEED_OPENS_PER_DAU * POSTS_PER_FEED_PAGE
cdn_egress_peak = gbit_per_s(
    per_second(views_per_day * RENDITION_BYTES[VIEWED_RENDITION], PEAK_FACTOR)
)
origin_egress_peak = cdn_egress_peak * (1 - CDN_HIT_RATIO)
print(f"feed reads: {feed_reads_peak:,.0f} per s at the peak")
print(f"photo views: {per_second(views_per_day, PEAK_FACTOR):,.0f} per s at the peak")
print(f"CDN egress at the peak: {cdn_egress_peak:,.0f} Gbit/s")
print(f"bucket egress (CDN misses) at the peak: {origin_egress_peak:,.0f} Gbit/s")

# %% [markdown]
# ## Thumbnail workers and the feed cache
#
# One worker is one core running the measured rate, kept below full load.

# %%
workers = workers_needed(uploads_peak, THUMBNAIL_JOBS_PER_WORKER_S, WORKER_UTILIZATION)
print(f"thumbnail workers at the peak: {workers:,}")
cache_bytes = DAU * FEED_CACHE_CAP * BYTES_PER_FEED_ID
with_replicas = cache_bytes * CACHE_REPLICAS
print(f"feed cache: {cache_bytes / TB:,.1f} TB, {with_replicas / TB:,.1f} TB")
post_rows = UPLOADS_PER_DAY * DAYS_PER_YEAR * YEARS * POST_ROW_BYTES
print(f"post metadata after {YEARS} years: {post_rows / TB:,.1f} TB")

# %% [markdown]
# ## At 10x and 100x
#
# The same helpers with ten and a hundred times the users and uploads; every
# per-user habit stays the same.

# %%
big = {}
for scale in (1, 10, 100):
    peak = per_second(UPLOADS_PER_DAY * scale, PEAK_FACTOR)
    big[scale] = {
        "uploads/s peak": peak,
        "stored PB (5 y)": sum(stored_by_tier(UPLOADS_PER_DAY * scale, YEARS).values())
        / PB,
        "thumbnail workers": workers_needed(
            peak, THUMBNAIL_JOBS_PER_WORKER_S, WORKER_UTILIZATION
        ),
        "CDN egress Gbit/s": cdn_egress_peak * scale,
        "feed reads/s peak": feed_reads_peak * scale,
        "feed cache TB": cache_bytes * CACHE_REPLICAS * scale / TB,
    }
print(
    format_table(
        ["", "today", "10x", "100x"],
        [[k, *(f"{big[s][k]:,.0f}" for s in (1, 10, 100))] for k in big[1]],
    )
)

# %% [markdown]
# ## What the numbers say
#
# The bytes are the bulk and almost all are originals, which nobody looks at
# after the renditions exist: tiering them is most of the storage bill's
# saving, and the renditions stay in Standard. The egress is the CDN's
# problem, not the bucket's: the bucket serves only misses. Thumbnails are a
# modest CPU bill at the measured rate. The feed cache is the surprise: a
# few hundred ids per daily user is terabytes of RAM, so cap it hard and let
# deep scrolls read the database; the fan-out that fills it is the [news
# feed](../../../system-design/news-feed/)'s problem.


# %% [markdown]
# ## Track it
#
# Where to go next: [the photo sharing design](../../../system-design/instagram/)
# that these numbers size, [the news feed](../../../system-design/news-feed/) for
# the fan-out, and [how to run a design round](../../../system-design/design-round/).
