# %% [markdown]
# # Estimation: notifications for 50M daily users on four channels
#
# A notification system is sized by two different loads: the steady stream of
# transactional messages (order updates, one-time codes, new followers), and the
# campaign that fans out to millions of users at once and then waits on each
# provider's rate limit. This notebook computes both, the backlog a campaign
# builds in its lane, what the delivery log costs to keep, and what the providers
# charge per day. Run it with
# `python docs/system-design/notification-system/estimation.py`.
#
# The design it feeds is on [the notification system page](../../../system-design/notification-system/).
# The seeded simulation there measures the waits per lane on a small workload; this
# notebook does the arithmetic at full size.
#
# ## The assumptions, in one place
#
# Units are decimal: 1 GB = 10^9 bytes, 1 TB = 10^12 bytes. Prices are list
# prices at the linked pages, in US dollars; they change, so check them before
# you quote them.

# %%
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Traffic
DAILY_USERS = 50_000_000  # a large consumer app; the campaign reaches 10M
# Notifications per daily user per day, by channel. In-app and push carry the social
# and order updates; email is receipts and digests; SMS is mostly one-time codes.
PER_USER_PER_DAY = {"push": 4.0, "in-app": 6.0, "email": 1.0, "sms": 0.1}
PEAK_FACTOR = 3.0  # busiest minute of transactional traffic over the daily average

# One campaign: the marketing blast the bulk lane must absorb
CAMPAIGN_RECIPIENTS = 10_000_000
CAMPAIGN_CHANNELS = ("push", "email")
CAMPAIGNS_PER_DAY = 1
FANOUT_JOBS_PER_S = 100_000  # the fan-out stage writes jobs far faster than providers send

# Provider send limits for our account, messages per second. FCM's default HTTP v1
# quota is 600k messages per minute per project
# (https://firebase.google.com/docs/cloud-messaging/throttling-and-quotas).
# The push lane is sized by FCM alone, which assumes iOS devices are reached through
# FCM's APNs interface too (https://firebase.google.com/docs/cloud-messaging/ios/get-started);
# sending to APNs directly splits push into two lanes, each with its own limit.
# An email API's sending rate is set per account and raised on request; SMS
# throughput depends on the number type (long code, toll-free, short code).
PROVIDER_RATE_PER_S = {"push": 10_000, "email": 5_000, "sms": 300}
# The scheduler on the page serves urgent lanes first and reserves 1 send in 10 for
# bulk, so bulk drains at whatever the urgent traffic leaves, never below the floor.
BULK_FLOOR = 0.1

# The delivery log (PostgreSQL): one delivery row per notification per channel, and
# callback events for the channels a provider delivers (in-app has no provider: its
# read state is an update to the inbox row). Sizes include the 24-byte tuple header.
DELIVERY_ROW_BYTES = 200  # ids, user, channel, template, state, timestamps
EVENT_ROW_BYTES = 120  # provider, event id, state, timestamps
EVENTS_PER_PROVIDER_SEND = 2.5  # sent and delivered; opened for some
PROVIDER_CHANNELS = ("push", "email", "sms")
INDEX_FACTOR = 1.6  # primary keys plus (user_id, created_at) for the inbox and support
HOT_DAYS = 90  # kept in PostgreSQL for support and the inbox; older partitions archived

# Prices, US dollars
EMAIL_PER_1000 = 0.10  # Amazon SES outbound (https://aws.amazon.com/ses/pricing/)
# Twilio US long code SMS, per segment (https://www.twilio.com/en-us/sms/pricing/us);
# one segment is 160 GSM-7 characters.
SMS_PER_SEGMENT = 0.0083
# Carriers add a per-segment fee that Twilio passes through, and it differs by carrier
# and number type (https://help.twilio.com/articles/360016571913). An assumption,
# not a quote: the low and high ends of the fees we use for the range below.
SMS_CARRIER_FEE = {"low": 0.0025, "high": 0.0062}
PUSH_PER_MESSAGE = 0.0  # FCM is free (https://firebase.google.com/pricing); so is APNs

SECONDS_PER_DAY = 86_400
GB, TB = 10**9, 10**12
SCALES = (10, 100)


# %% [markdown]
# ## Helpers that refuse nonsense
#
# Each formula is a small function that checks its input and raises `ValueError`
# naming the bad value.


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


def backlog(jobs: float, fanout_rate: float, drain_rate: float, t: float) -> float:
    """Jobs waiting in the lane t seconds after the fan-out starts."""
    _positive("jobs", jobs)
    _positive("fanout_rate", fanout_rate)
    _positive("drain_rate", drain_rate)
    if not t >= 0:
        raise ValueError(f"t must be zero or more, got {t!r}")
    return max(0.0, min(fanout_rate * t, jobs) - drain_rate * t)


def peak_backlog(jobs: float, fanout_rate: float, drain_rate: float) -> float:
    """The deepest the lane gets: when the fan-out finishes, if it outruns the drain."""
    return backlog(jobs, fanout_rate, drain_rate, jobs / fanout_rate)


def drain_seconds(jobs: float, drain_rate: float) -> float:
    """How long the lane takes to send everything (the fan-out being faster)."""
    _positive("jobs", jobs)
    _positive("drain_rate", drain_rate)
    return jobs / drain_rate


def log_bytes(notifications: float, provider_sends: float, days: int) -> float:
    """Delivery log size over `days`: a row per notification, events per provider send."""
    _positive("notifications", notifications)
    _positive("days", days)
    if not 0 <= provider_sends <= notifications:
        raise ValueError(f"provider_sends must be in [0, notifications], got {provider_sends!r}")
    per_day = notifications * DELIVERY_ROW_BYTES
    per_day += provider_sends * EVENTS_PER_PROVIDER_SEND * EVENT_ROW_BYTES
    return per_day * days * INDEX_FACTOR


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
# ## Daily notifications by channel, and the transactional peak
#
# Transactional traffic is the daily users times their per-channel rate. The
# campaign adds its recipients on each of its channels. The peak column is the
# transactional busiest minute, which the urgent lanes must carry on their own.

# %%
transactional = {ch: DAILY_USERS * n for ch, n in PER_USER_PER_DAY.items()}
campaign = {
    ch: CAMPAIGN_RECIPIENTS * CAMPAIGNS_PER_DAY if ch in CAMPAIGN_CHANNELS else 0 for ch in PER_USER_PER_DAY
}
daily = {ch: transactional[ch] + campaign[ch] for ch in PER_USER_PER_DAY}
TOTAL_PER_DAY = sum(daily.values())
peak = {ch: per_second(transactional[ch], PEAK_FACTOR) for ch in PER_USER_PER_DAY}
print(
    format_table(
        ["channel", "per day", "avg/s", "transactional peak/s"],
        [
            [ch, f"{daily[ch]:,.0f}", f"{per_second(daily[ch]):,.0f}", f"{peak[ch]:,.0f}"]
            for ch in PER_USER_PER_DAY
        ]
        + [
            [
                "all channels",
                f"{TOTAL_PER_DAY:,.0f}",
                f"{per_second(TOTAL_PER_DAY):,.0f}",
                f"{sum(peak.values()):,.0f}",
            ]
        ],
    )
)

# %% [markdown]
# ## A campaign: peak sends per second and the queue it builds
#
# The fan-out stage turns the campaign into jobs at its own rate; the bulk lane
# drains them at what the provider's limit leaves after urgent traffic. Here the
# campaign runs through the transactional peak, the worst case. The lane's depth
# climbs while the fan-out runs, peaks when it ends, and falls to zero when the
# provider has taken the last one. The check at the end: the urgent peak must fit
# in the sends the bulk floor leaves, or one-time codes wait after all.

# %%
campaign_rows, depth_peak, drain_time, drain_rate = [], {}, {}, {}
for ch in CAMPAIGN_CHANNELS:
    limit = PROVIDER_RATE_PER_S[ch]
    drain_rate[ch] = max(limit - peak[ch], limit * BULK_FLOOR)
    depth_peak[ch] = peak_backlog(CAMPAIGN_RECIPIENTS, FANOUT_JOBS_PER_S, drain_rate[ch])
    drain_time[ch] = drain_seconds(CAMPAIGN_RECIPIENTS, drain_rate[ch])
    campaign_rows.append(
        [ch, f"{limit:,}", f"{drain_rate[ch]:,.0f}", f"{depth_peak[ch]:,.0f}", f"{drain_time[ch] / 3600:.2f}"]
    )
print(format_table(["lane", "limit/s", "bulk drain/s", "peak depth", "drain hours"], campaign_rows))
fits = {ch: peak[ch] <= PROVIDER_RATE_PER_S[ch] * (1 - BULK_FLOOR) for ch in CAMPAIGN_CHANNELS}
print("urgent peak fits beside the bulk floor:", fits)

# %% [markdown]
# ## The delivery log per year, and the provider bill per day
#
# Every notification on every channel is a delivery row; those a provider delivers
# also collect its callback events. Push and in-app cost nothing per message; email
# and SMS are billed per message or segment, so SMS dominates the bill even at a
# tenth of a message per user. The carrier fee makes the SMS line a range.

# %%
PROVIDER_SENDS = sum(daily[ch] for ch in PROVIDER_CHANNELS)
LOG_PER_YEAR = log_bytes(TOTAL_PER_DAY, PROVIDER_SENDS, 365)
LOG_HOT = log_bytes(TOTAL_PER_DAY, PROVIDER_SENDS, HOT_DAYS)
cost = {
    end: {
        "email": daily["email"] / 1000 * EMAIL_PER_1000,
        "sms": daily["sms"] * (SMS_PER_SEGMENT + fee),
        "push": daily["push"] * PUSH_PER_MESSAGE,
    }
    for end, fee in SMS_CARRIER_FEE.items()
}
COST_PER_DAY = {end: sum(parts.values()) for end, parts in cost.items()}
print(f"delivery log per year: {LOG_PER_YEAR / TB:,.1f} TB; hot {HOT_DAYS} days: {LOG_HOT / TB:,.1f} TB")
bill_rows = [[ch, *(f"{cost[end][ch]:,.0f}" for end in SMS_CARRIER_FEE)] for ch in cost["low"]]
total_row = ["total", *(f"{COST_PER_DAY[end]:,.0f}" for end in SMS_CARRIER_FEE)]
print(format_table(["provider bill, USD per day", "low fee", "high fee"], [*bill_rows, total_row]))

# %% [markdown]
# ## The campaign's backlog over time
#
# One line per campaign channel: jobs waiting in the bulk lane from the moment
# the fan-out starts until the provider has sent the last one.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
fig, ax = plt.subplots(figsize=(6.4, 3.4))
curves = {}
for ch in CAMPAIGN_CHANNELS:
    drain = drain_rate[ch]
    times = [drain_time[ch] * i / 200 for i in range(201)]
    curves[ch] = [backlog(CAMPAIGN_RECIPIENTS, FANOUT_JOBS_PER_S, drain, t) for t in times]
    ax.plot([t / 3600 for t in times], [d / 10**6 for d in curves[ch]], label=f"{ch} lane")
ax.set_xlabel("hours since the campaign started")
ax.set_ylabel("jobs waiting (millions)")
ax.set_title("A 10M-user campaign drains at the provider's rate")
ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# ## At 10x and 100x the users
#
# Traffic, the log and the bill grow linearly. The provider limits do not: at 10x
# the transactional push peak alone passes FCM's default quota, so the limit
# becomes a negotiation with the provider, and the bulk lane's share of it shrinks.

# %%
scaled = {
    k: {
        "notifications per day": TOTAL_PER_DAY * k,
        "transactional peak/s": sum(peak.values()) * k,
        "push peak/s": peak["push"] * k,
        "delivery log TB/year": LOG_PER_YEAR * k / TB,
        "provider USD/day (high fee)": COST_PER_DAY["high"] * k,
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
# - The steady load is modest per second; the campaign is the burst. The fan-out
#   finishes in minutes and the provider takes hours, so the backlog lives in the
#   bulk lane, and the lane's depth is a number to alert on.
# - Headroom is a design input: the bulk floor must leave room for the urgent peak
#   under each provider's limit, or a campaign delays one-time codes after all.
# - The log is terabytes a year: partition it by time, keep the recent months hot,
#   and archive the rest, as the [role guide](../../../role/owning-a-service/)
#   plans from day one.
# - SMS is the bill. Every SMS that could be a push is money.


# %% [markdown]
# ## Track it
#
# Where to go next: [the notification system
# design](../../../system-design/notification-system/) that these numbers size, [event
# streams](../../../system-design/event-streams/) for the queues a campaign fills, and
# [how to run a design round](../../../system-design/design-round/).
