# %% [markdown]
# # Estimation: a URL shortener at 1M clicks a day
#
# A URL shortener serving a million clicks a day is a classic opening of a
# system design round. Before you draw a single box, you size the system: how many
# requests per second, how much storage, how much memory for a cache, how much
# network traffic. Those numbers decide whether you need one database or fifty.
#
# This page is a notebook. Every number below is computed by the code you see, and
# the build runs it, so the numbers cannot drift from the code. Run it yourself:
# `python docs/system-design/url-shortener/estimation.py`. The
# [design](../../../system-design/url-shortener/) it sizes builds on these numbers.
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
# - Do we need click analytics? That decides between a 301 and a 302 redirect, and
#   adds a store of click events that outgrows the links themselves.
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
from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

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
    "permanent (boolean)": 1,
    "created_at (timestamp)": 8,
    "expires_at (timestamp)": 8,
    "row header (database bookkeeping)": 24,
    "unique index entry on short_code": 24,
}
RETENTION_YEARS = 5
DAYS_PER_YEAR = 365
# One primary and two replicas: survive losing a node and still have a spare copy.
REPLICATION_FACTOR = 3

# Cache: size it from distinct links, not from requests. Popularity follows a
# Zipf-like law: the link of rank r gets clicks in proportion to 1 / r**s. Breslau et
# al. measured s between 0.64 and 0.83 on web proxy traces ("Web Caching and
# Zipf-like Distributions", INFOCOM 1999, https://doi.org/10.1109/INFCOM.1999.749260);
# the top of that range is taken here. Every stored link after five years competes
# for clicks, and none fades with age: a pessimistic, simple model.
ZIPF_EXPONENT = 0.8
POPULARITY_SEED = 7  # the seeded day of clicks below is the same on every run
# The service's cache fills on a miss and keeps an entry for a fixed TTL; a hit does
# not renew it. This is DEFAULT_TTL_SECONDS in examples/system_design/url_shortener/
# cache.py (a test checks that they agree); the other TTLs are for comparison.
SERVICE_CACHE_TTL_SECONDS = 3_600
CACHE_TTLS_SECONDS = (60, SERVICE_CACHE_TTL_SECONDS, 86_400)
CACHE_SIZES = (10_000, 100_000, 1_000_000)  # entries, for the upper-bound rows
# Memory of one entry as the service writes it (a 34-byte key, the JSON value for a
# 200-byte URL): Redis 7.0.15's MEMORY USAGE, measured by
# tests/system_design/url_shortener/test_cache.py. It leaves out the entry in the
# dictionary of expiry times, a few tens of bytes more.
CACHE_ENTRY_BYTES = 344

# Click analytics: one event per redirect, kept as long as the links. The fields are
# what a click report needs; the visitor is a salted hash, never the raw IP address.
CLICK_EVENT_FIELDS = {
    "short_code": 7,
    "clicked_at (timestamp)": 8,
    "visitor_hash (128-bit, salted)": 16,
    "country (ISO 3166 code)": 2,
    "referrer host (average)": 40,
    "browser and OS family": 24,
    "bot flag": 1,
}

# A new TLS 1.3 connection costs a full handshake (RFC 8446, section 2) before the
# first byte of HTTP. Most clicks come from another app (a chat, a mail), so the
# browser has no open connection to the shortener: assume every click opens one.
NEW_CONNECTION_SHARE = 1.0
# Client to server: a ClientHello offering the hybrid post-quantum key share that
# current browsers send, whose key share alone is 1,216 bytes (X25519MLKEM768,
# https://datatracker.ietf.org/doc/draft-ietf-tls-ecdhe-mlkem/), plus ciphers, SNI, ALPN and other
# extensions, then the client's Finished.
TLS_CLIENT_BYTES = 1_900
# Server to client: a ServerHello with its 1,120-byte share, the certificate chain
# (p50 4,032 bytes uncompressed, the "Original" row of the README of
# https://github.com/tlswg/draft-ietf-tls-cert-abridge; another version of that
# README says 4,022, and RFC 8879 certificate compression brings it to 3,243), an
# ECDSA CertificateVerify, Finished, a session ticket, and record overhead.
TLS_SERVER_BYTES = 6_000

# Short codes: digits, then upper- and lowercase letters (base62), as in base62.py
ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase
CODE_LENGTHS = (6, 7)
CODE_LENGTH = 7  # the length we store; matches the short_code field above

# Growth to plan for, as multiples of today's traffic.
SCALES = (10, 100)

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


def popularity_cdf(links: int, exponent: float) -> np.ndarray:
    """Share of all clicks that go to the top 1, 2, ... `links` links (Zipf-like).

    The link of rank r gets clicks in proportion to 1 / r**exponent, so the
    entry at index k - 1 is the hit rate of a cache holding the k most popular.
    """
    _require_positive("links", links)
    if not 0 < exponent <= 3:
        raise ValueError(f"exponent must be in (0, 3], got {exponent!r}")
    weights = np.arange(1, int(links) + 1, dtype=np.float64) ** -exponent
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def sample_clicks(cdf: np.ndarray, clicks: int, seed: int) -> np.ndarray:
    """Ranks (0 = most popular) of `clicks` seeded random clicks, sorted."""
    _require_positive("clicks", clicks)
    draws = np.sort(np.random.default_rng(seed).random(int(clicks)))
    # Sorted draws make searchsorted walk the big array once, in order.
    return np.searchsorted(cdf, draws, side="right")


def hit_rate(cdf: np.ndarray, entries: int) -> float:
    """Hit rate of a cache that always holds the `entries` most popular links."""
    _require_positive("entries", entries)
    return float(cdf[min(int(entries), len(cdf)) - 1])


def ttl_cache(
    shares: np.ndarray, clicks_per_second: float, ttl_seconds: float
) -> tuple[float, float]:
    """Hit rate and mean entries of a fill-on-miss cache whose entries live `ttl_seconds`.

    A link clicked at a rate of r per second (Poisson) is cached for T seconds
    after each miss, then missed again on its next click: each cycle has one miss
    and r * T hits on average, so the link hits r * T / (1 + r * T) of the time,
    and is in the cache the same share of the time.
    """
    _require_positive("clicks_per_second", clicks_per_second)
    _require_positive("ttl_seconds", ttl_seconds)
    if shares.size == 0 or np.any(shares < 0) or not math.isclose(shares.sum(), 1):
        raise ValueError("shares must be non-negative and sum to 1")
    per_cycle = shares * clicks_per_second * ttl_seconds
    cached = per_cycle / (1 + per_cycle)
    return float(np.sum(shares * cached)), float(np.sum(cached))


def per_click_bytes(http_bytes: int, tls_bytes: int, new_connection_share: float) -> float:
    """Bytes one click moves in one direction: its HTTP message plus its share of handshakes."""
    _require_positive("http_bytes", http_bytes)
    if tls_bytes < 0:
        raise ValueError(f"tls_bytes must not be negative, got {tls_bytes!r}")
    if not 0 <= new_connection_share <= 1:
        raise ValueError(
            f"new_connection_share must be in [0, 1], got {new_connection_share!r}"
        )
    return http_bytes + tls_bytes * new_connection_share


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


def counter_codes(alphabet_size: int, length: int) -> int:
    """Codes of exactly `length` characters from a counter that starts at size**(length - 1).

    The counter skips the numbers whose code would be shorter, so it gets every
    spelling except those with a leading zero.
    """
    _require_positive("alphabet_size", alphabet_size)
    _require_positive("length", length)
    return alphabet_size**length - alphabet_size ** (length - 1)


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
# ## Click events: the data that outgrows the links
#
# Every redirect that should count becomes an event. Events are written once, never
# updated, and read in bulk ("clicks per day for this link"), which is why they go to
# an append-only store rather than into the links table: see the design page. They
# are replicated like everything else.

# %%
CLICK_EVENT_BYTES = record_bytes(CLICK_EVENT_FIELDS)
click_rows = REDIRECTS_PER_DAY * RETENTION_DAYS
click_raw = storage_bytes(REDIRECTS_PER_DAY, CLICK_EVENT_BYTES, RETENTION_DAYS)
click_replicated = storage_bytes(
    REDIRECTS_PER_DAY, CLICK_EVENT_BYTES, RETENTION_DAYS, REPLICATION_FACTOR
)
event_rows = [[name, str(size)] for name, size in CLICK_EVENT_FIELDS.items()]
print(
    format_table(
        ["click event field", "bytes"],
        [*event_rows, ["total per event", str(CLICK_EVENT_BYTES)]],
    )
)
print()
print(f"click events after {RETENTION_YEARS} years: {click_rows:,.0f}")
print(
    format_table(
        ["storage", "GB (decimal)"],
        [
            ["click events, raw", f"{click_raw / GB:.2f}"],
            [f"click events, replicated x{REPLICATION_FACTOR}", f"{click_replicated / GB:.2f}"],
            ["links, raw (above)", f"{raw_storage / GB:.2f}"],
            ["events per link byte", f"{click_raw / raw_storage:.1f}"],
        ],
    )
)

# %% [markdown]
# ## Cache: distinct links, and the hit rate the service's cache gets
#
# A cache holds links, not requests: a link clicked a thousand times takes one entry.
# So count the distinct links a day of clicks touches. Draw one day of clicks, seeded,
# from the Zipf-like popularity in the assumptions, over every link stored after five
# years, then count how many different links they hit. Each of them is a link's first
# click of the day, which a cache that starts the day empty and fills on a miss can
# never serve: that bounds its first day.
#
# The service's cache fills on a miss and drops the entry a TTL later, whether or not
# it was hit. A link clicked at a steady rate is then cached for one TTL after each
# miss, so its hit rate depends on how many clicks it gets within one TTL; summed over
# every link, that gives the hit rate and the mean number of entries for each TTL.
# Last, the share of clicks that go to the k most popular links is the hit rate of a
# cache that always holds exactly those: an upper bound, since it knows the
# popularity in advance; no cache of k entries that learns from the clicks does better.

# %%
cdf = popularity_cdf(int(total_records), ZIPF_EXPONENT)
shares = np.diff(cdf, prepend=0.0)
day = sample_clicks(cdf, REDIRECTS_PER_DAY, POPULARITY_SEED)
distinct_links = len(np.unique(day))
cold_day_bound = 1 - distinct_links / REDIRECTS_PER_DAY
day_cache = distinct_links * CACHE_ENTRY_BYTES
all_links_cache = total_records * CACHE_ENTRY_BYTES
ttl_caches = {ttl: ttl_cache(shares, avg_read_qps, ttl) for ttl in CACHE_TTLS_SECONDS}
service_hit_rate, service_entries = ttl_caches[SERVICE_CACHE_TTL_SECONDS]
service_cache = service_entries * CACHE_ENTRY_BYTES
upper_bound = hit_rate(cdf, distinct_links)

print(f"bytes per cache entry (measured): {CACHE_ENTRY_BYTES}")
print(f"clicks in the day: {REDIRECTS_PER_DAY:,}")
print(f"distinct links they touch: {distinct_links:,}")
print(f"best first day of a cache that starts empty: {cold_day_bound:.1%}")
print()
print(
    format_table(
        ["fill on miss, TTL", "mean entries", "memory MB", "hit rate"],
        [
            [
                f"{ttl:,} s" + (" (the service)" if ttl == SERVICE_CACHE_TTL_SECONDS else ""),
                f"{entries:,.0f}",
                f"{entries * CACHE_ENTRY_BYTES / MB:,.1f}",
                f"{rate:.1%}",
            ]
            for ttl, (rate, entries) in ttl_caches.items()
        ],
    )
)
print()
upper_rows = [
    *([f"top {k:,}", k] for k in CACHE_SIZES),
    [f"top {distinct_links:,} (as many as the day touched)", distinct_links],
    [f"all {total_records:,.0f}", int(total_records)],
]
print(
    format_table(
        ["upper bound: holds the", "memory MB", "hit rate"],
        [
            [
                label,
                f"{entries * CACHE_ENTRY_BYTES / MB:,.1f}",
                f"{hit_rate(cdf, entries):.1%}",
            ]
            for label, entries in upper_rows
        ],
    )
)

# %% [markdown]
# ## Bandwidth
#
# A redirect carries no body: the response is a status line and headers, and the
# `Location` header holds the long URL. Rather than guess a size, build a typical
# request and response and measure them. These are HTTP/1.1 sizes, before TCP and IP
# headers.
#
# HTTP is not the whole cost. A click that opens a new connection first pays a TLS 1.3
# handshake, and its certificate chain alone outweighs the redirect many times over.
# The assumptions put every click on a new connection; a browser that reuses an open
# connection pays nothing extra, and one that resumes a session (RFC 8446, section
# 2.2) skips the certificate chain, the largest part, though both sides still send
# their key shares. So the sizes below are per click with a full handshake, and
# without one.

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
        "Cache-Control": "private, max-age=60",
        "Content-Length": "0",
    },
)
create_body = f'{{"url": "{sample_long_url}"}}'
create_request = http_message_bytes(
    "POST /links HTTP/1.1",
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
        "Location": f"/links/{sample_code}",
        "Content-Type": "application/json",
        "Content-Length": str(len(created_body)),
    },
    created_body,
)

click_in = per_click_bytes(redirect_request, TLS_CLIENT_BYTES, NEW_CONNECTION_SHARE)
click_out = per_click_bytes(redirect_response, TLS_SERVER_BYTES, NEW_CONNECTION_SHARE)
ingress_avg = avg_read_qps * click_in + avg_write_qps * create_request
egress_avg = avg_read_qps * click_out + avg_write_qps * create_response
http_only_egress = avg_read_qps * redirect_response + avg_write_qps * create_response
print(
    format_table(
        ["message", "bytes"],
        [
            ["redirect request", str(redirect_request)],
            ["redirect response (302)", str(redirect_response)],
            ["create request", str(create_request)],
            ["create response (201)", str(create_response)],
            ["TLS handshake, client to server", str(TLS_CLIENT_BYTES)],
            ["TLS handshake, server to client", str(TLS_SERVER_BYTES)],
        ],
    )
)
print()
print(
    format_table(
        ["one click", "in (bytes)", "out (bytes)"],
        [
            ["reused connection", str(redirect_request), str(redirect_response)],
            ["new connection", f"{click_in:,.0f}", f"{click_out:,.0f}"],
        ],
    )
)
print(f"handshake share of a new-connection click, out: {1 - redirect_response / click_out:.0%}")
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
            for name, avg in [
                ("ingress", ingress_avg),
                ("egress", egress_avg),
                ("egress, HTTP only", http_only_egress),
            ]
        ],
    )
)

# %% [markdown]
# ## How many short codes, and for how long
#
# Base62 gives 62 choices per character, so a code of length n can spell 62^n
# distinct values. A counter that starts at 62^(n-1), as the service's does, skips
# the spellings with a leading zero and gets 61 of every 62 of them. Divide by the
# creation rate to see how long each length lasts.
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
counter_spaces = {length: counter_codes(len(ALPHABET), length) for length in CODE_LENGTHS}
print(
    format_table(
        ["length", "distinct codes", "from the counter", "years to use up"],
        [
            [
                f"{n} chars",
                f"{space:,}",
                f"{counter_spaces[n]:,}",
                f"{years_to_exhaust(counter_spaces[n], NEW_URLS_PER_DAY):,.0f}",
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
    "5-year links vs one DB disk": raw_storage / DB_NODE_DISK_BYTES,
    "5-year clicks vs one DB disk": click_raw / DB_NODE_DISK_BYTES,
    "all links cached vs one cache node": all_links_cache / CACHE_NODE_RAM_BYTES,
}
summary = [
    ["average read QPS", f"{avg_read_qps:.2f}"],
    ["peak read QPS", f"{peak_read_qps:.2f}"],
    ["average write QPS", f"{avg_write_qps:.3f}"],
    ["peak write QPS", f"{peak_write_qps:.3f}"],
    [f"links, {RETENTION_YEARS} years, raw", f"{raw_storage / GB:.2f} GB"],
    [f"links, replicated x{REPLICATION_FACTOR}", f"{replicated_storage / GB:.2f} GB"],
    [f"click events, {RETENTION_YEARS} years, raw", f"{click_raw / GB:.2f} GB"],
    [f"click events, replicated x{REPLICATION_FACTOR}", f"{click_replicated / GB:.2f} GB"],
    ["distinct links clicked in a day", f"{distinct_links:,}"],
    ["the service's cache, mean entries", f"{service_entries:,.0f}"],
    ["the service's cache, memory", f"{service_cache / MB:.1f} MB"],
    ["the service's cache, hit rate", f"{service_hit_rate:.1%}"],
    ["upper bound: top links of a day, memory", f"{day_cache / MB:.1f} MB"],
    ["upper bound: top links of a day, hit rate", f"{upper_bound:.1%}"],
    ["cache for every link", f"{all_links_cache / GB:.2f} GB"],
    ["peak egress, new connections", f"{mbit_per_s(egress_avg * PEAK_FACTOR):.3f} Mbit/s"],
] + [[name, f"{share:.2%}"] for name, share in one_node_share.items()]
print(format_table(["estimate", "value"], summary))

# %% [markdown]
# ## Conclusion: this is a small system
#
# Every share in the last rows is a fraction of one machine. One primary database,
# with its replicas for failover, holds the links, and a cache in front of it absorbs
# the popular links and keeps redirect latency low. The click events are the largest
# data set by far, and they have a different shape (append-only, read in bulk), so they
# get a store of their own. No sharding. Saying this plainly, with the numbers behind
# it, is a strong move: over-engineering a system this size is a red flag.
#
# The cache rows carry a lesson of their own. With a long-tailed popularity, a day
# touches far more distinct links than a "hot 20%" rule would suggest, and each tenfold
# increase in cache size buys less hit rate than the one before. A cache that fills on
# a miss gets well under the upper bound: most links are clicked less than once per
# TTL, so their entry expires before the next click. The TTL, not the memory, sets the
# hit rate here; a longer one buys hits, and costs a longer life for a stale entry. Every
# link fits in one cache node today; at a hundred times the links it no longer does.
#
# The design pressure is elsewhere: picking the code-generation strategy, choosing
# 301 or 302, expiring links, and keeping the redirect path fast and available.
#
# ## How it changes at 10x and 100x
#
# Multiply the traffic by each factor and rerun the same helpers. Links and clicks
# grow together, so storage, the cache for every link and bandwidth scale linearly.

# %%
big = {}
for scale in SCALES:
    reads_per_day, writes_per_day = REDIRECTS_PER_DAY * scale, NEW_URLS_PER_DAY * scale
    big[scale] = {
        "peak read QPS": qps(reads_per_day, PEAK_FACTOR),
        "peak write QPS": qps(writes_per_day, PEAK_FACTOR),
        "links raw": storage_bytes(writes_per_day, RECORD_BYTES, RETENTION_DAYS),
        "clicks raw": storage_bytes(reads_per_day, CLICK_EVENT_BYTES, RETENTION_DAYS),
        "every link cached": all_links_cache * scale,
        "peak egress": egress_avg * scale * PEAK_FACTOR,
    }
today = {
    "peak read QPS": peak_read_qps,
    "peak write QPS": peak_write_qps,
    "links raw": raw_storage,
    "clicks raw": click_raw,
    "every link cached": all_links_cache,
    "peak egress": egress_avg * PEAK_FACTOR,
}
code_years = {
    length: [
        years_to_exhaust(counter_codes(len(ALPHABET), length), NEW_URLS_PER_DAY * scale)
        for scale in (1, *SCALES)
    ]
    for length in CODE_LENGTHS
}
columns = [today, *(big[scale] for scale in SCALES)]


def row(label: str, key: str, show: Callable[[float], str]) -> list[str]:
    return [label, *(show(column[key]) for column in columns)]


print(
    format_table(
        ["estimate", "today", *(f"at {scale}x" for scale in SCALES)],
        [
            row("peak read QPS", "peak read QPS", lambda v: f"{v:,.0f}"),
            row("peak write QPS", "peak write QPS", lambda v: f"{v:.2f}"),
            row("5-year links, raw (GB)", "links raw", lambda v: f"{v / GB:,.0f}"),
            row("5-year clicks, raw (GB)", "clicks raw", lambda v: f"{v / GB:,.0f}"),
            row("every link cached (GB)", "every link cached", lambda v: f"{v / GB:,.1f}"),
            row("peak egress (Mbit/s)", "peak egress", lambda v: f"{mbit_per_s(v):,.1f}"),
            row(
                "peak reads vs one DB node",
                "peak read QPS",
                lambda v: f"{v / DB_NODE_READ_QPS:.1%}",
            ),
            row(
                "5-year clicks vs one DB disk",
                "clicks raw",
                lambda v: f"{v / DB_NODE_DISK_BYTES:.0%}",
            ),
            row(
                "every link cached vs one node",
                "every link cached",
                lambda v: f"{v / CACHE_NODE_RAM_BYTES:.0%}",
            ),
            *(
                [f"years of {length}-char codes", *(f"{y:,.0f}" for y in years)]
                for length, years in code_years.items()
            ),
        ],
    )
)

# %% [markdown]
# Read the shares, not the raw numbers. At ten times the traffic the request rates
# still leave one database node plenty of room, but the click events and a cache of
# every link already pass one node. At a hundred times, the reads close in on one
# node's budget too, and the design changes in specific ways:
#
# - **The cache becomes mandatory, and stops holding everything.** Without it, peak
#   reads eat most of one database's budget, and a viral link pushes the real peak
#   above the assumed factor. Every link no longer fits one cache node: size the cache
#   for a hit rate, with the table of hit rates above as the method.
# - **Reads go to replicas.** Send redirects that miss the cache to read replicas and
#   keep the primary for writes.
# - **Click events need a store built for them.** Five years of events now pass one
#   disk many times over: a columnar store partitioned by day, with old days rolled up
#   into counts, and raw events kept only as long as someone needs them.
# - **Code generation is about availability, not speed.** Even at a hundred times,
#   the peak write row is far below what one counter row in PostgreSQL commits per
#   second (the design page's benchmark measures one). What a single counter adds is
#   a single point of failure: once the links are spread over several databases, one
#   counter row that cannot be reached stops every new link. Counter ranges fix that,
#   since each app server keeps a block in memory and asks again only when it runs
#   out.
# - **Code length can stay.** Even the shorter length lasts for generations at this
#   rate, as the last rows show.
#
# The design page weighs these options against each other in its trade-offs table.
#
# ## What an interviewer looks for
#
# - **Requirements first.** You ask what a click is, the read-to-write ratio,
#   retention, and whether analytics matter before computing anything. Jumping to
#   code or to a diagram without this is a red flag.
# - **Stated assumptions.** Every number you use is either given or said out loud
#   with a reason. The interviewer can then push on one and watch you recompute.
# - **Peak, not average.** You size for the busiest moment and say where the peak
#   factor comes from.
# - **Units that add up.** Decimal units, bytes per record from real fields, and
#   a clear line between raw and replicated storage.
# - **Distinct, not total.** The cache holds links, not clicks, and its hit rate comes
#   from how popularity is spread, not from a rule of thumb.
# - **A verdict.** You finish with "this fits on one database, its replicas and a
#   small cache" and explain what would change at 10x or 100x. Candidates who shard a
#   system this size without a reason lose points.
#
# Red flags: no numbers at all, numbers with no stated source, averaging away the
# peak, confusing bits and bytes, forgetting the click events, or a design that does
# not follow from the estimate.
#
# ## In production
#
# - **Check the estimate against reality.** Dashboard the real peak-to-average ratio,
#   the read-to-write ratio, and the average long URL length. When they drift from
#   your assumptions, rerun this notebook with the new values.
# - **Monitor the cache hit ratio** and the database's read QPS. A falling hit ratio
#   is the first sign that the popular set no longer fits.
# - **Watch storage growth** per day, not just free disk, so you see the trend early.
# - **Expect bots.** Crawlers and link previewers in chat apps fetch every short link.
#   They inflate the read ratio and skew your analytics.
#
# ## Track it
#
# Where to go next: [the URL shortener design](../../../system-design/url-shortener/)
# that these numbers size, [unique IDs](../../../system-design/unique-ids/) for the
# collision arithmetic, [SQL indexes and query plans](../../../data/sql-indexes/) for
# the index that makes the short-code lookup fast, and the
# [interview guide](../../../interview/) for how the system design round fits the loop.
