# %% [markdown]
# # Estimation: a home timeline for 200M daily users
#
# A news feed is cheap to read and expensive to deliver, and the expense sits in
# a few accounts. This notebook sizes the write path (posts and the timeline
# writes they fan out into), the read path (feed pages per second, and the
# sources each page merges), and the memory the timeline caches need. Every
# number below is computed by the code you see; run it with
# `python docs/system-design/news-feed/estimation.py`.
#
# The design it feeds is on [the news feed page](../../../system-design/news-feed/).
# The seeded simulation there measures the same quantities on a 10,000-user graph;
# this notebook does the arithmetic at full size.
#
# ## The assumptions, in one place
#
# The follower distribution is the Zipf law: the account of rank r has about
# TOP_FOLLOWERS / r ** ZIPF_EXPONENT followers. Every follow is one follower of
# someone, so the mean follower count is also the mean number of accounts a user
# follows. Units are decimal: 1 GB = 10^9 bytes, 1 TB = 10^12 bytes.

# %%
import functools
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Twitter's 2013 figures below are from Raffi Krikorian's talk "Timelines at Scale"
# (https://www.infoq.com/presentations/Twitter-Timeline-Scalability/).
# Users and activity
DAILY_USERS = 200_000_000  # Twitter reported 150M active users in 2013 (Krikorian)
POSTS_PER_USER_PER_DAY = 2  # 400M tweets a day over 150M users was about 2.7
# An app open reads the first page or two; ten opens a day. Twitter's 300K
# timeline reads/s in 2013 included API polling, so this is deliberately lower.
FEED_READS_PER_USER_PER_DAY = 20
PEAK_FACTOR = 3.0  # busiest minute over the daily average; events spike higher

# The follow graph (users are the accounts; every user both posts and reads)
TOP_FOLLOWERS = 100_000_000  # the largest accounts have on the order of 10^8
# 1.0 fits the 10,000-user simulation; over 200M accounts it would leave the mean
# account near 10 followers, so a flatter tail: a mean in the low hundreds.
ZIPF_EXPONENT = 0.75

# Delivery: Twitter aimed to deliver a tweet to every follower within 5 s, and a
# post to 31M followers could take up to 5 minutes (the same talk).
DELIVERY_TARGET_SECONDS = 5
HYBRID_THRESHOLD = 1_000_000  # followers at which an account is pulled, not pushed
THRESHOLDS = [10**k for k in range(3, 9)]  # for the trade-off chart

# The timeline cache
TIMELINE_CAP = 800  # ids kept per user; older pages fall back to pulling
# Measured on Redis 7.0 by examples/system_design/news_feed/timeline_memory.py,
# filled through the fan-out: 800 20-digit ids are a skiplist, about 120 bytes each.
BYTES_PER_TIMELINE_ID = 120
# zset-max-listpack-entries is 128 members; the trim marker takes one, so 127 ids
# is the longest timeline that stays a listpack (the fan-out never exceeds it).
SMALL_CAP = 127
BYTES_PER_LISTPACK_ID = 29.0  # the same example, 127 ids plus the marker
CACHE_REPLICAS = 3  # Twitter kept each timeline on three machines

SECONDS_PER_DAY = 86_400
GB, TB = 10**9, 10**12
SCALES = (10, 100)


# %% [markdown]
# ## Helpers that refuse nonsense
#
# Each formula is a small function that checks its input and raises `ValueError`
# naming the bad value. The Zipf sum over 200M ranks is added exactly for the
# first million ranks and by its integral beyond, which is accurate to far better
# than the assumptions.


# %%
def _positive(name: str, value: float) -> None:
    if not value > 0:  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def per_second(per_day: float, peak_factor: float = 1.0) -> float:
    """A daily count as a rate per second, optionally at the peak."""
    _positive("per_day", per_day)
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


@functools.cache  # pure, and the chart asks for the same total many times
def zipf_sum(ranks: int, exponent: float) -> float:
    """Sum of 1 / r ** exponent for r = 1..ranks."""
    _positive("ranks", ranks)
    _positive("exponent", exponent)
    head = min(ranks, 1_000_000)
    total = math.fsum(r**-exponent for r in range(1, head + 1))
    if ranks > head:  # the tail, by the integral from head + 0.5 to ranks + 0.5
        a, b = head + 0.5, ranks + 0.5
        if exponent == 1:
            total += math.log(b / a)
        else:
            total += (b ** (1 - exponent) - a ** (1 - exponent)) / (1 - exponent)
    return total


def followers_at_rank(rank: float, top: float, exponent: float) -> float:
    """Followers of the account of `rank` under the Zipf law."""
    _positive("rank", rank)
    _positive("top", top)
    _positive("exponent", exponent)
    return top / rank**exponent


def accounts_above(threshold: float, top: float, exponent: float, users: int) -> int:
    """How many accounts have at least `threshold` followers."""
    _positive("threshold", threshold)
    _positive("users", users)
    _positive("top", top)
    return min(users, math.floor((top / threshold) ** (1 / exponent)))


def pulled_share(threshold: float, top: float, exponent: float, users: int) -> float:
    """Share of all follows that point at accounts the hybrid pulls."""
    pulled = accounts_above(threshold, top, exponent, users)
    if pulled == 0:
        return 0.0
    return zipf_sum(pulled, exponent) / zipf_sum(users, exponent)


def cache_bytes(users: int, ids_per_user: int, bytes_per_id: float, copies: int = 1) -> float:
    """Memory for every user's timeline, counting every copy."""
    _positive("users", users)
    _positive("ids_per_user", ids_per_user)
    _positive("bytes_per_id", bytes_per_id)
    _positive("copies", copies)
    return users * ids_per_user * bytes_per_id * copies


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain-text table: first column left-aligned, the rest right-aligned."""
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every row must have one cell per header")
    cells = [list(headers), *map(list, rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        return "  ".join([row[0].ljust(widths[0]), *rest]).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths), *map(line, cells[1:])])


# %% [markdown]
# ## The follower distribution
#
# The Zipf law gives the median account (rank users / 2), the mean (all follows
# over all users) and the top. The gap between the median and the top is the
# whole problem: a design sized for the typical post breaks on the largest one.

# %%
TOTAL_FOLLOWS = TOP_FOLLOWERS * zipf_sum(DAILY_USERS, ZIPF_EXPONENT)
MEAN_FOLLOWERS = TOTAL_FOLLOWS / DAILY_USERS
MEDIAN_FOLLOWERS = followers_at_rank(DAILY_USERS / 2, TOP_FOLLOWERS, ZIPF_EXPONENT)
PULLED_ACCOUNTS = accounts_above(HYBRID_THRESHOLD, TOP_FOLLOWERS, ZIPF_EXPONENT, DAILY_USERS)
PULLED_SHARE = pulled_share(HYBRID_THRESHOLD, TOP_FOLLOWERS, ZIPF_EXPONENT, DAILY_USERS)
print(
    format_table(
        ["followers", "value"],
        [
            ["median account", f"{MEDIAN_FOLLOWERS:,.0f}"],
            ["mean account (= mean follows)", f"{MEAN_FOLLOWERS:,.0f}"],
            ["top account", f"{TOP_FOLLOWERS:,}"],
            [f"accounts with {HYBRID_THRESHOLD:,}+", f"{PULLED_ACCOUNTS:,}"],
            ["their share of all follows", f"{PULLED_SHARE:.1%}"],
        ],
    )
)

# %% [markdown]
# ## Posts, fan-out writes and feed reads per second
#
# Under fan-out on write, a post costs one timeline write per follower. Posts are
# spread evenly over accounts here, so the average post costs the mean follower
# count; the median account's post and the top account's post bracket it. The
# celebrity row is one post that must reach every follower within the delivery
# target, on top of everything else.

# %%
POSTS_PER_DAY = DAILY_USERS * POSTS_PER_USER_PER_DAY
READS_PER_DAY = DAILY_USERS * FEED_READS_PER_USER_PER_DAY
posts_avg, posts_peak = per_second(POSTS_PER_DAY), per_second(POSTS_PER_DAY, PEAK_FACTOR)
reads_avg, reads_peak = per_second(READS_PER_DAY), per_second(READS_PER_DAY, PEAK_FACTOR)

fanout_median = posts_avg * MEDIAN_FOLLOWERS  # if every post were the median account's
fanout_avg = posts_avg * MEAN_FOLLOWERS
fanout_peak = posts_peak * MEAN_FOLLOWERS
celebrity_rate = TOP_FOLLOWERS / DELIVERY_TARGET_SECONDS
celebrity_at_peak_fleet = TOP_FOLLOWERS / fanout_peak  # seconds, whole fleet on it
hybrid_fanout_avg = fanout_avg * (1 - PULLED_SHARE)
hybrid_fanout_peak = fanout_peak * (1 - PULLED_SHARE)
print(
    format_table(
        ["write path", "average", "peak"],
        [
            ["posts per second", f"{posts_avg:,.0f}", f"{posts_peak:,.0f}"],
            ["fan-out writes/s, median posts", f"{fanout_median:,.0f}", f"{fanout_median * PEAK_FACTOR:,.0f}"],
            ["fan-out writes/s, push", f"{fanout_avg:,.0f}", f"{fanout_peak:,.0f}"],
            ["fan-out writes/s, hybrid", f"{hybrid_fanout_avg:,.0f}", f"{hybrid_fanout_peak:,.0f}"],
        ],
    )
)
print()
print(f"one celebrity post: {TOP_FOLLOWERS:,} timeline writes")
print(f"  within {DELIVERY_TARGET_SECONDS} s: {celebrity_rate:,.0f} writes/s")
print(f"  with the whole peak fan-out fleet: {celebrity_at_peak_fleet:,.0f} s")

# %% [markdown]
# The read side: a push read touches one timeline; a pull read merges every
# followee's outbox; the hybrid's read merges its timeline and each pulled account
# the reader follows, on average the pulled share of the mean follow count.

# %%
pull_sources = MEAN_FOLLOWERS
hybrid_sources = 1 + MEAN_FOLLOWERS * PULLED_SHARE
print(
    format_table(
        ["read path", "average", "peak"],
        [
            ["feed reads per second", f"{reads_avg:,.0f}", f"{reads_peak:,.0f}"],
            ["sources/s, push (1 per read)", f"{reads_avg:,.0f}", f"{reads_peak:,.0f}"],
            ["sources/s, pull", f"{reads_avg * pull_sources:,.0f}", f"{reads_peak * pull_sources:,.0f}"],
            ["sources/s, hybrid", f"{reads_avg * hybrid_sources:,.0f}", f"{reads_peak * hybrid_sources:,.0f}"],
        ],
    )
)
print(f"sources per read: push 1, pull {pull_sources:,.0f}, hybrid {hybrid_sources:.2f}")

# %% [markdown]
# ## Timeline cache memory
#
# Every user's timeline holds up to the cap. At the mean follow count and posting
# rate a timeline fills in days, so count it full. A long cap costs a skiplist per
# user; a cap at the listpack limit keeps each timeline compact, and deeper pages
# fall back to pulling (see the page).

# %%
fill_days = TIMELINE_CAP / (MEAN_FOLLOWERS * POSTS_PER_USER_PER_DAY)
memory_one = cache_bytes(DAILY_USERS, TIMELINE_CAP, BYTES_PER_TIMELINE_ID)
memory_all = cache_bytes(DAILY_USERS, TIMELINE_CAP, BYTES_PER_TIMELINE_ID, CACHE_REPLICAS)
memory_small = cache_bytes(DAILY_USERS, SMALL_CAP, BYTES_PER_LISTPACK_ID, CACHE_REPLICAS)
print(f"days to fill a {TIMELINE_CAP}-id timeline: {fill_days:.1f}")
print(
    format_table(
        ["timeline cache", "TB"],
        [
            [f"cap {TIMELINE_CAP}, one copy", f"{memory_one / TB:.1f}"],
            [f"cap {TIMELINE_CAP}, x{CACHE_REPLICAS} copies", f"{memory_all / TB:.1f}"],
            [f"cap {SMALL_CAP} (listpack), x{CACHE_REPLICAS}", f"{memory_small / TB:.2f}"],
        ],
    )
)

# %% [markdown]
# ## The threshold trade-off at full size
#
# Lowering the threshold pulls more accounts: fan-out writes fall, and every
# read merges more sources. The chart draws both for thresholds from a thousand
# followers up to the top account. The simulation on the design page measures the
# p99 of the same trade-off, which the mean here cannot show.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
shares = [pulled_share(t, TOP_FOLLOWERS, ZIPF_EXPONENT, DAILY_USERS) for t in THRESHOLDS]
writes_curve = [fanout_avg * (1 - s) / 10**6 for s in shares]
sources_curve = [1 + MEAN_FOLLOWERS * s for s in shares]
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.plot(THRESHOLDS, writes_curve, "o-", color="tab:blue", label="fan-out writes/s")
ax.set_xscale("log")
ax.set_xlabel("hybrid threshold (followers)")
ax.set_ylabel("millions of fan-out writes/s", color="tab:blue")
ax.set_ylim(0, fanout_avg / 10**6 * 1.1)
right = ax.twinx()
right.plot(THRESHOLDS, sources_curve, "s--", color="tab:red", label="sources per read")
right.set_ylabel("sources per feed read (mean)", color="tab:red")
right.set_ylim(0, max(sources_curve) * 1.1)
ax.axvline(HYBRID_THRESHOLD, color="gray", linestyle=":", linewidth=1)
ax.set_title("Pull more accounts: fewer writes, wider reads")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## At 10x and 100x the users
#
# More users means more posts, more reads and more timelines, all linearly. The
# top account cannot outgrow the user count, but it grows with it: the one post
# that no fan-out fleet delivers in seconds only gets larger.

# %%
scaled = {
    k: {
        "posts/s, peak": posts_peak * k,
        "fan-out writes/s, hybrid, peak": hybrid_fanout_peak * k,
        "feed reads/s, peak": reads_peak * k,
        "cache TB, cap 800 x3": memory_all * k / TB,
    }
    for k in (1, *SCALES)
}
print(
    format_table(
        ["estimate", "today", *(f"{k}x" for k in SCALES)],
        [[name, *(f"{scaled[k][name]:,.0f}" for k in (1, *SCALES))] for name in scaled[1]],
    )
)

# %% [markdown]
# ## What the numbers say
#
# - The read path is easy under push: one sorted-set range per page. Pull makes
#   every page a merge of the mean follow count, at feed-read rate.
# - The write path is dominated by averages until one large account posts: then a
#   single post outweighs the whole fleet's steady work. That, not the average, is
#   why large accounts are pulled.
# - The cache is terabytes with a long cap and copies; the cap and the encoding
#   are the levers, and a cache miss is only slower, never wrong, because the
#   outboxes are the source of truth.
# - At 100x the same shape holds with more shards: timelines partition by user,
#   outboxes by author, and the hot celebrity outboxes need replicas of their own
#   ([partitioning: hot keys](../../../system-design/partitioning/)).


# %% [markdown]
# ## Track it
#
# Where to go next: [the news feed design](../../../system-design/news-feed/) that
# these numbers size, [partitioning](../../../system-design/partitioning/) for the hot
# keys a celebrity makes, and [how to run a design
# round](../../../system-design/design-round/).
