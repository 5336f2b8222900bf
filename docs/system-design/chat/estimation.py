# %% [markdown]
# # Estimation: a chat service at 20 million daily users
#
# "Design WhatsApp" or "design Slack" starts with a size. A chat system is
# sized by two different things: messages (writes to storage, fan-out to
# recipients) and connections (one long-lived WebSocket per online device,
# held open whether anyone talks or not). The first decides the store; the
# second decides how many servers you run.
#
# This page is a notebook: every number below is computed by the code you
# see, and the build runs it. Run it yourself with
# `python docs/system-design/chat/estimation.py`. The design that uses these
# numbers is [the chat design page](../../../system-design/chat/).
#
# ## Ask before you compute
#
# - How many daily active users, and how many messages does each send?
# - How long is a device connected? A phone in a pocket usually is not: it
#   is woken by a push notification instead, which is why connected hours
#   are far fewer than waking hours.
# - How big are groups? The average number of recipients per message
#   multiplies every delivery figure.
# - Text only, or media too? Media goes to object storage and is out of
#   scope here; only the text and the metadata are counted.
#
# ## The assumptions, in one place
#
# Every input is a named constant in the next cell, with the reason it is
# plausible. Units are decimal: 1 GB = 10^9 bytes, 1 TB = 10^12 bytes.

# %%
import math
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt

# Users and traffic
# The question's figure: a regional messenger or a large workplace chat. At 100x
# it is the size of WhatsApp, which reported more than 2 billion users (not
# daily ones) in February 2020: about.fb.com/news/2020/02/two-billion-users/
DAILY_ACTIVE_USERS = 20_000_000
MESSAGES_PER_USER_PER_DAY = 40  # sent, not received; an assumption to say out loud
# Most messages go to one person; groups pull the average up. Two recipients
# per message is a defensible starting point for a WhatsApp-like mix.
RECIPIENTS_PER_MESSAGE = 2.0
# Each recipient's client acks "delivered", then "read". Acks are cumulative and
# debounced, so a burst of messages shares one: two per delivery is the ceiling.
ACKS_PER_DELIVERY = 2
# Hours a day a device holds its socket open: foreground use plus a short
# background window before the OS suspends the app.
CONNECTED_HOURS_PER_USER = 3.0
# Chat follows waking hours in a few time zones: assume the busiest minute
# runs at twice the day's average, for messages and for connections alike.
PEAK_FACTOR = 2.0
HEARTBEAT_INTERVAL_S = 30  # one application heartbeat per connection per 30 s
# Under the heartbeats, uvicorn pings every WebSocket every 20 s by default
# (Config ws_ping_interval=20.0) and the client answers each with a pong.
WS_PING_INTERVAL_S = 20

# One stored message, field by field, in bytes
MESSAGE_FIELDS = {
    "conversation_id (64-bit)": 8,
    "seq (64-bit)": 8,
    "sender_id (64-bit)": 8,
    "client_msg_id (UUID)": 16,
    "sent_at (timestamp)": 8,
    "body (average text message)": 100,
    "row header and primary-key index": 40,
    # UNIQUE (conversation_id, sender_id, client_msg_id): the dedupe check's index
    "unique index entry (32-byte key + 16 overhead)": 48,
}
REPLICATION_FACTOR = 3  # three copies: survive losing a node and still have a spare
# One message frame on the wire: the JSON of the page's protocol for an
# average message, plus the WebSocket and TLS record overhead.
FRAME_BYTES = 250
DAYS_PER_YEAR = 365

# One WebSocket server. WhatsApp reported over 2 million connections on one
# FreeBSD box with 24 hardware threads in 2012 (its blog post "1 million is so
# 2011" shows hw.ncpu: 24 on Xeon X5675s, 6-core parts); plan far
# below a record, for a runtime like Python and for CPU headroom at the peak.
CONNECTIONS_PER_SERVER = 100_000
MEMORY_PER_CONNECTION_BYTES = 50_000  # socket and TLS buffers plus session state
# Run at half capacity, so that a zone (a third of the fleet) can fail and
# the other two absorb its connections without running past full.
TARGET_UTILIZATION = 0.5
ZONES = 3
# After a failure, clients reconnect with jittered backoff spread over this window.
RECONNECT_WINDOW_S = 60

SCALES = (10, 100)
SECONDS_PER_DAY = 24 * 60 * 60
GB, TB = 10**9, 10**12

# %% [markdown]
# ## Small, pure helpers
#
# Each formula is a small function that checks its input and raises
# `ValueError` naming the bad value, instead of returning a plausible wrong
# answer.


# %%
def _require_positive(name: str, value: float) -> None:
    if not value > 0:  # also rejects NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def per_second(per_day: float, peak_factor: float = 1.0) -> float:
    """A daily volume as a rate per second, optionally scaled to the peak."""
    _require_positive("per_day", per_day)
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


def concurrent_connections(
    users: float, connected_hours: float, peak_factor: float = 1.0
) -> float:
    """Connections open at once: each user is connected connected_hours of 24."""
    _require_positive("users", users)
    if not 0 < connected_hours <= 24:
        raise ValueError(f"connected_hours must be in (0, 24], got {connected_hours!r}")
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return users * connected_hours / 24 * peak_factor


def servers_needed(connections: float, per_server: float, utilization: float) -> int:
    """Servers to hold `connections` with each one filled to `utilization`."""
    _require_positive("connections", connections)
    _require_positive("per_server", per_server)
    if not 0 < utilization <= 1:
        raise ValueError(f"utilization must be in (0, 1], got {utilization!r}")
    return math.ceil(connections / (per_server * utilization))


def record_bytes(fields: Mapping[str, int]) -> int:
    """Size of one stored record: the sum of its fields."""
    if not fields:
        raise ValueError("fields must name at least one field")
    for name, size in fields.items():
        _require_positive(f"field {name!r}", size)
    return sum(fields.values())


def gbit_per_s(bytes_per_s: float) -> float:
    """Bytes per second as gigabits per second (decimal)."""
    if bytes_per_s < 0:
        raise ValueError(f"bytes_per_s must not be negative, got {bytes_per_s!r}")
    return bytes_per_s * 8 / 10**9


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
# ## Messages: writes, frames and publishes
#
# Every message is one write and one frame per member: the recipients and
# the sender's own devices each get a copy, and the sender's connection also
# gets a "sent" reply. Each recipient then acks up to twice (delivered, then
# read), and the server publishes each ack that moves a cursor as a receipt to
# every member. Every frame for a user goes through one Redis PUBLISH to that
# user's channel. Size the servers for the peak, not the average.

# %%
members_per_conversation = RECIPIENTS_PER_MESSAGE + 1  # the sender is a member
messages_per_day = DAILY_ACTIVE_USERS * MESSAGES_PER_USER_PER_DAY
avg_messages_per_s = per_second(messages_per_day)
peak_messages_per_s = per_second(messages_per_day, PEAK_FACTOR)
peak_deliveries_per_s = peak_messages_per_s * RECIPIENTS_PER_MESSAGE
peak_acks_per_s = ACKS_PER_DELIVERY * peak_deliveries_per_s
peak_message_frames_per_s = peak_messages_per_s * members_per_conversation
peak_receipt_frames_per_s = peak_acks_per_s * members_per_conversation
peak_publishes_per_s = peak_message_frames_per_s + peak_receipt_frames_per_s
# Out of the fleet: every published frame, plus one "sent" per message.
peak_frames_out_per_s = peak_publishes_per_s + peak_messages_per_s
print(f"messages per day: {messages_per_day:,.0f}")
print(
    format_table(
        ["per second", "average", "peak"],
        [
            [name, f"{peak / PEAK_FACTOR:,.0f}", f"{peak:,.0f}"]
            for name, peak in [
                ("messages sent (store writes)", peak_messages_per_s),
                ("deliveries (per recipient)", peak_deliveries_per_s),
                ("acks (cursor writes, at most)", peak_acks_per_s),
                ("message frames (every member)", peak_message_frames_per_s),
                ("receipt frames (every member)", peak_receipt_frames_per_s),
                ("Redis PUBLISH commands", peak_publishes_per_s),
                ("frames out, with sent replies", peak_frames_out_per_s),
            ]
        ],
    )
)

# %% [markdown]
# ## Connections and heartbeats
#
# Concurrent connections come from connected time, not from messages: a user
# connected three hours a day holds a socket an eighth of the day. Each open
# connection also sends a heartbeat every interval, whether or not anyone
# speaks, and the server pings it too; those counts are worth comparing with
# the message rate.

# %%
avg_connections = concurrent_connections(DAILY_ACTIVE_USERS, CONNECTED_HOURS_PER_USER)
peak_connections = concurrent_connections(
    DAILY_ACTIVE_USERS, CONNECTED_HOURS_PER_USER, PEAK_FACTOR
)
peak_heartbeats_per_s = peak_connections / HEARTBEAT_INTERVAL_S
peak_pings_per_s = peak_connections / WS_PING_INTERVAL_S  # and as many pongs
print(
    format_table(
        ["connections", "value"],
        [
            ["average concurrent", f"{avg_connections:,.0f}"],
            ["peak concurrent", f"{peak_connections:,.0f}"],
            ["heartbeats per second at the peak", f"{peak_heartbeats_per_s:,.0f}"],
            [
                "heartbeats per message sent",
                f"{peak_heartbeats_per_s / peak_messages_per_s:.1f}",
            ],
            ["WebSocket pings per second at the peak", f"{peak_pings_per_s:,.0f}"],
        ],
    )
)

# %% [markdown]
# ## Servers: connections per server and servers needed
#
# Divide the peak connections by what one server holds at the target
# utilization. The memory line checks that the planning figure fits a
# commodity machine. The last lines ask what a failure costs: when one
# server or one zone dies, its clients reconnect to the rest within the
# reconnect window, each with a TLS and WebSocket handshake and a backlog
# query.

# %%
fleet = servers_needed(peak_connections, CONNECTIONS_PER_SERVER, TARGET_UTILIZATION)
per_server_at_peak = peak_connections / fleet
memory_per_server = CONNECTIONS_PER_SERVER * MEMORY_PER_CONNECTION_BYTES
one_server_reconnects_per_s = per_server_at_peak / RECONNECT_WINDOW_S
zone_reconnects_per_s = peak_connections / ZONES / RECONNECT_WINDOW_S
print(
    format_table(
        ["servers", "value"],
        [
            ["servers needed", f"{fleet:,}"],
            ["connections per server at the peak", f"{per_server_at_peak:,.0f}"],
            ["memory per full server (GB)", f"{memory_per_server / GB:.1f}"],
            ["reconnects per second, one server lost", f"{one_server_reconnects_per_s:,.0f}"],
            ["reconnects per second, one zone lost", f"{zone_reconnects_per_s:,.0f}"],
        ],
    )
)

# %% [markdown]
# The chart shows why the per-server figure is the assumption to measure
# first: the fleet size is inversely proportional to it, at every scale.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a
# plain script it is only a comment, and the chart stays off screen.
# %matplotlib inline
capacities = [10_000 * 2**k for k in range(9)]  # 10,000 to 2,560,000 per server
fig, ax = plt.subplots(figsize=(6.4, 3.4))
for scale in (1, *SCALES):
    peak = peak_connections * scale
    counts = [servers_needed(peak, c, TARGET_UTILIZATION) for c in capacities]
    ax.plot(capacities, counts, marker="o", markersize=3, label=f"{scale}x today")
ax.axvline(CONNECTIONS_PER_SERVER, linestyle=":", color="gray", label="planning figure")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("connections one server holds")
ax.set_ylabel("servers needed at the peak")
ax.legend(fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Storage per year
#
# Only sent messages are stored; deliveries and receipts move cursors, which
# are one row per member per conversation and small enough to ignore here.

# %%
MESSAGE_BYTES = record_bytes(MESSAGE_FIELDS)
storage_per_day = messages_per_day * MESSAGE_BYTES
storage_per_year = storage_per_day * DAYS_PER_YEAR
replicated_per_year = storage_per_year * REPLICATION_FACTOR
print(
    format_table(
        ["field", "bytes"],
        [*([n, str(b)] for n, b in MESSAGE_FIELDS.items()), ["total", str(MESSAGE_BYTES)]],
    )
)
print()
print(
    format_table(
        ["storage", "value"],
        [
            ["per day", f"{storage_per_day / GB:,.0f} GB"],
            ["per year, one copy", f"{storage_per_year / TB:,.1f} TB"],
            [f"per year, replicated x{REPLICATION_FACTOR}", f"{replicated_per_year / TB:,.1f} TB"],
        ],
    )
)

# %% [markdown]
# ## Bandwidth out of the fleet
#
# Every message, receipt and "sent" frame leaves a server (pings are a few
# bytes each and left out).

# %%
peak_egress = peak_frames_out_per_s * FRAME_BYTES
print(f"peak egress: {gbit_per_s(peak_egress):.2f} Gbit/s")
print(f"per server at the peak: {gbit_per_s(peak_egress / fleet) * 1000:.1f} Mbit/s")

# %% [markdown]
# ## The numbers together, and at 10x and 100x
#
# Every figure above is linear in the daily users except the server count,
# which rounds up. The design page's bottlenecks section reads this table.

# %%
rows = []
for name, today, unit in [
    ("peak messages per second", peak_messages_per_s, ""),
    ("peak deliveries per second", peak_deliveries_per_s, ""),
    ("peak Redis publishes per second", peak_publishes_per_s, ""),
    ("peak concurrent connections", peak_connections, ""),
    ("peak heartbeats per second", peak_heartbeats_per_s, ""),
    ("peak WebSocket pings per second", peak_pings_per_s, ""),
    ("storage per year, one copy (TB)", storage_per_year / TB, "TB"),
    ("peak egress (Gbit/s)", gbit_per_s(peak_egress), "Gbit/s"),
]:
    digits = {"": 0, "TB": 1, "Gbit/s": 2}[unit]
    rows.append([name, *(f"{today * s:,.{digits}f}" for s in (1, *SCALES))])
scaled_fleets = {
    s: servers_needed(peak_connections * s, CONNECTIONS_PER_SERVER, TARGET_UTILIZATION)
    for s in (1, *SCALES)
}
rows.append(["servers needed", *(f"{scaled_fleets[s]:,}" for s in (1, *SCALES))])
print(format_table(["estimate", "today", *(f"{s}x" for s in SCALES)], rows))

# %% [markdown]
# ## What the numbers say
#
# The message store is a write-heavy, append-only log that grows by a fixed
# amount a day: partition it by conversation and it spreads across nodes
# (see [partitioning](../../../system-design/partitioning/)). The fleet of
# WebSocket servers is sized by concurrent connections, not by messages,
# and heartbeats and pings outnumber messages, so keep them small and
# infrequent. Redis carries every frame for a user, receipts included: in a
# group, receipts dominate, which is why big groups get none pushed.
# The failure lines matter as much as the steady state: a lost zone sends
# its clients back all at once, and jittered reconnects over a wide window
# are what keep that from becoming an outage of its own.


# %% [markdown]
# ## Track it
#
# Where to go next: [the chat design](../../../system-design/chat/) that these numbers
# size, [partitioning](../../../system-design/partitioning/) for splitting
# conversations across servers, and [how to run a design
# round](../../../system-design/design-round/).
