# %% [markdown]
# # Estimation: video streaming for 200M daily viewers
#
# A video service spends its money in two places: the bytes it stores (every
# upload, in every rendition, for years) and the bytes it sends (every second
# watched, at the bit rate the player picked). This notebook sizes both, and the
# transcoding fleet between them. Every number below is computed by the code you
# see; run it with `python docs/system-design/video-streaming/estimation.py`.
#
# ## The assumptions, in one place
#
# Units are decimal: 1 TB = 10^12 bytes, 1 PB = 10^15 bytes, 1 EB = 10^18 bytes,
# 1 Gbit/s = 10^9 bits per second. Two inputs are measured, not guessed, by the
# examples on [the design page](../../../system-design/video-streaming/): the mean
# bit rate a buffer-based player draws on a commuter's link, and the byte hit
# ratio of an LRU edge that holds a tenth of the catalog.

# %%
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

TB, PB, EB = 10**12, 10**15, 10**18
SECONDS_PER_DAY = 86_400
DAYS_PER_YEAR = 365
DAYS_PER_MONTH = 30

# Viewers
DAILY_VIEWERS = 200_000_000  # the size the question names
WATCH_MINUTES_PER_VIEWER = 60  # a long-form habit: an episode, or several clips
PEAK_FACTOR = 2.0  # the evening peak over the daily mean: everyone watches at 9 pm

# Uploads
UPLOADS_PER_DAY = 500_000  # creators upload; a small share of viewers
UPLOAD_MINUTES = 10  # the mean upload is a ten-minute video
SOURCE_KBPS = 10_000  # a 1080p upload from a phone; kept to re-encode later
UPLOAD_PEAK_FACTOR = 2.0  # uploads bunch up in the evening too

# The rendition ladder, kbit/s, as in examples/system_design/video_streaming/abr.py.
LADDER_KBPS = {"240p": 300, "360p": 750, "480p": 1500, "720p": 3000, "1080p": 6000}
# CPU-seconds to encode one second of video into the whole ladder. An assumption
# above a measured floor: benchmarks/system_design/video_streaming.py encodes a
# generated 1080p test pattern into this five-rung x264 ladder for about 1.4
# CPU-s per video-s at preset veryfast and 2 at medium, on this machine. Camera
# footage has far more detail and motion than a test pattern, a VOD service
# encodes at slower presets and in more than one codec, so 10 is five times the
# floor; measure it on a sample of real uploads.
TRANSCODE_CPU_S_PER_VIDEO_S = 10
WORKER_CORES = 32  # one transcoding machine
WORKER_BUSY = 0.7  # run at 70%: room for a burst of uploads and a lost machine
REDUNDANCY = 1.5  # erasure coding in object storage, 6 data + 3 parity fragments
YEARS = 5

# Measured: examples/system_design/video_streaming/abr_demo.py, the buffer rule
# (20 s reservoir) on the seeded commuter trace: 2,640 kbit/s on average. Video
# bits only: the container and an audio track add roughly 5-15% (not modeled),
# so egress below is a little low.
DELIVERED_KBPS = 2_640
# Measured: examples/system_design/video_streaming/cdn_demo.py, an edge holding 10%
# of the catalog: 68.2% of the bytes served came from the edge. That simulation
# draws renditions with a mix averaging EDGE_MIX_KBPS, above DELIVERED_KBPS: the
# ratio is applied to the player's rate as if the mix did not move it.
EDGE_BYTE_HIT_RATIO = 0.682
EDGE_MIX_KBPS = 3_240  # edge_cache.py's rendition_mix over the ladder's rates

# For scale, YouTube's own figures: more than 500 hours uploaded a minute (said at
# press events in 2019, reported by Tubefilter) and a billion hours watched a day
# (YouTube's blog, February 2017).
YOUTUBE_UPLOAD_HOURS_PER_MINUTE = 500
YOUTUBE_WATCH_HOURS_PER_DAY = 1_000_000_000


# %% [markdown]
# ## Small, checked helpers
#
# Each formula refuses nonsense (a negative count, a hit ratio above one) with a
# `ValueError` that names the input.


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


def concurrent_viewers(viewers: float, watch_minutes: float, peak: float) -> float:
    """Viewers watching at the same moment: watch-seconds per day over a day."""
    _require_positive("viewers", viewers)
    _require_positive("watch_minutes", watch_minutes)
    return per_second(viewers * watch_minutes * 60, peak)


def origin_share(byte_hit_ratio: float) -> float:
    """The share of bytes the origin serves when the edges serve the rest."""
    if not 0 <= byte_hit_ratio <= 1:
        raise ValueError(f"byte_hit_ratio must be in [0, 1], got {byte_hit_ratio!r}")
    return 1 - byte_hit_ratio


def workers_needed(cpu_seconds_per_s: float, cores: int, busy: float) -> int:
    """Machines that keep `cpu_seconds_per_s` of work running at `busy`."""
    if cpu_seconds_per_s < 0:
        raise ValueError(
            f"cpu_seconds_per_s must not be negative, got {cpu_seconds_per_s!r}"
        )
    _require_positive("cores", cores)
    if not 0 < busy <= 1:
        raise ValueError(f"busy must be in (0, 1], got {busy!r}")
    return max(1, math.ceil(cpu_seconds_per_s / (cores * busy)))


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
# ## Uploads and the transcoding fleet
#
# Every second uploaded is encoded once into every rung of the ladder. The fleet
# is sized for the upload peak, at the utilization above.


# %%
def uploads(per_day: float) -> dict[str, float]:
    """Daily upload volume and the transcoding work it makes."""
    _require_positive("per_day", per_day)
    video_s = per_day * UPLOAD_MINUTES * 60
    cpu_s = video_s * TRANSCODE_CPU_S_PER_VIDEO_S
    peak_cpu = per_second(cpu_s, UPLOAD_PEAK_FACTOR)
    return {
        "video hours": video_s / 3600,
        "ingest Gbit/s": per_second(video_s * SOURCE_KBPS * 1000, UPLOAD_PEAK_FACTOR)
        / 1e9,
        "CPU-hours": cpu_s / 3600,
        "workers": workers_needed(peak_cpu, WORKER_CORES, WORKER_BUSY),
    }


up = uploads(UPLOADS_PER_DAY)
print(f"video uploaded per day: {up['video hours']:,.0f} hours")
print(f"upload ingest at the peak: {up['ingest Gbit/s']:,.1f} Gbit/s")
print(f"transcoding per day: {up['CPU-hours']:,.0f} CPU-hours")
fleet = f"{WORKER_CORES} cores, {WORKER_BUSY:.0%} busy"
print(f"transcoding workers ({fleet}): {up['workers']:,}")

# %% [markdown]
# ## Storage after five years, by rendition
#
# Every rendition is kept, and so is the source. Nothing is assumed deleted, so
# this is an upper bound; physical bytes multiply by the redundancy.


# %%
def stored_bytes(per_day: float, years: float) -> dict[str, float]:
    """Logical bytes after `years` of uploads, per rendition and for the source."""
    if years < 0:
        raise ValueError(f"years must not be negative, got {years!r}")
    video_s = uploads(per_day)["video hours"] * 3600 * years * DAYS_PER_YEAR
    rates = {**LADDER_KBPS, "source": SOURCE_KBPS}
    return {name: video_s * kbps * 1000 / 8 for name, kbps in rates.items()}


storage = stored_bytes(UPLOADS_PER_DAY, YEARS)
logical = sum(storage.values())
physical = logical * REDUNDANCY
print(
    format_table(
        [f"after {YEARS} years", "kbit/s", "PB"],
        [
            [
                name,
                f"{({**LADDER_KBPS, 'source': SOURCE_KBPS})[name]:,}",
                f"{b / PB:,.0f}",
            ]
            for name, b in storage.items()
        ]
        + [["logical total", "", f"{logical / PB:,.0f}"]]
        + [[f"physical x{REDUNDANCY}", "", f"{physical / PB:,.0f}"]],
    )
)

# %% [markdown]
# ## Viewing: concurrent viewers and egress
#
# Egress is concurrent viewers times the bit rate the player picked. The edges
# serve what they hold; their misses go to the shield tier, and what the shield
# misses to the origin. The edge simulation measures one tier, so the misses
# below are what the shield and the origin send together.


# %%
def egress(
    viewers: float, byte_hit_ratio: float = EDGE_BYTE_HIT_RATIO
) -> dict[str, float]:
    """Peak rates and monthly volumes for `viewers` daily viewers."""
    watching = concurrent_viewers(viewers, WATCH_MINUTES_PER_VIEWER, PEAK_FACTOR)
    peak_bits = watching * DELIVERED_KBPS * 1000
    daily_bytes = viewers * WATCH_MINUTES_PER_VIEWER * 60 * DELIVERED_KBPS * 1000 / 8
    share = origin_share(byte_hit_ratio)
    return {
        "concurrent": watching,
        "peak Tbit/s": peak_bits / 1e12,
        "origin peak Tbit/s": peak_bits * share / 1e12,  # shield and origin
        "edge EB/month": daily_bytes * DAYS_PER_MONTH / EB,
        "origin EB/month": daily_bytes * DAYS_PER_MONTH * share / EB,  # part of it
    }


view = egress(DAILY_VIEWERS)
print(f"peak concurrent viewers: {view['concurrent'] / 1e6:,.1f} million")
print(f"egress to viewers at the peak: {view['peak Tbit/s']:,.1f} Tbit/s")
print(
    f"edge misses at the peak, to shield and origin ({EDGE_BYTE_HIT_RATIO:.1%} "
    f"byte hits): {view['origin peak Tbit/s']:,.1f} Tbit/s"
)
print(f"edges send per month: {view['edge EB/month']:,.2f} EB")
print(f"  of which fetched on a miss: {view['origin EB/month']:,.2f} EB")
upload_share = up["video hours"] / (YOUTUBE_UPLOAD_HOURS_PER_MINUTE * 60 * 24)
watch_hours = DAILY_VIEWERS * WATCH_MINUTES_PER_VIEWER / 60
watch_share = watch_hours / YOUTUBE_WATCH_HOURS_PER_DAY
print(
    f"against YouTube's figures: uploads {upload_share:.0%}, watching {watch_share:.0%}"
)

# %% [markdown]
# The hit ratio moves the load behind the edges more than any other input: every
# point of byte hits is a point of the edges' egress that the shield and origin
# no longer send. The chart draws the edges' misses at the peak against the byte
# hit ratio, with the measured point marked.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
ratios = [r / 100 for r in range(50, 100)]
origin_curve = [egress(DAILY_VIEWERS, r)["origin peak Tbit/s"] for r in ratios]
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.plot(
    [r * 100 for r in ratios],
    origin_curve,
    color="tab:blue",
    label="edge misses (shield + origin)",
)
ax.plot(
    [EDGE_BYTE_HIT_RATIO * 100],
    [view["origin peak Tbit/s"]],
    "o",
    color="tab:orange",
    label="measured edge (10% of catalog)",
)
ax.set_xlabel("edge byte hit ratio (%)")
ax.set_ylabel("edge misses at peak (Tbit/s)")
ax.set_ylim(0, None)
ax.legend(loc="upper right", fontsize="small")
ax.set_title("Each point of hit ratio takes load off the tiers behind the edge")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## At 10x and 100x
#
# The same helpers with more viewers and uploads; every habit stays the same.

# %%
big = {}
for scale in (1, 10, 100):
    u = uploads(UPLOADS_PER_DAY * scale)
    v = egress(DAILY_VIEWERS * scale)
    big[scale] = {
        "concurrent viewers (M)": v["concurrent"] / 1e6,
        "peak egress Tbit/s": v["peak Tbit/s"],
        "edge misses Tbit/s": v["origin peak Tbit/s"],
        "transcoding workers": u["workers"],
        "physical PB, 5 years": sum(
            stored_bytes(UPLOADS_PER_DAY * scale, YEARS).values()
        )
        * REDUNDANCY
        / PB,
    }
print(
    format_table(
        ["at the peak", "today", "10x", "100x"],
        [[k, *(f"{big[s][k]:,.0f}" for s in (1, 10, 100))] for k in big[1]],
    )
)

# %% [markdown]
# ## What the numbers say
#
# Egress dwarfs everything else: the fleet that sends bytes to viewers is the
# service, and the edges have to take most of it, because an origin cannot send
# tens of terabits per second to the world. The measured edge holds a tenth of
# the catalog and still misses about a third of the bytes, so the design adds a
# shield tier between the edges and the origin, which turns a miss in many edges
# into one origin fetch. Storage grows by the
# ladder: the source and the top rung are most of it, and a rung nobody watches
# can be encoded on demand. Transcoding is a large but ordinary batch fleet,
# sized by uploads, not by viewers. The 100x column has more daily viewers than
# the world has people: read its egress as 10x the viewers watching at 10x the
# bit rate (4K). See
# [scaling and load balancing](../../../system-design/scaling-and-load-balancing/)
# for spreading viewers over edges.


# %% [markdown]
# ## Track it
#
# Where to go next: [the video streaming
# design](../../../system-design/video-streaming/) that these numbers size, [file
# storage](../../../system-design/file-storage/) for
# resumable uploads and object storage, and [how to run a design
# round](../../../system-design/design-round/).
