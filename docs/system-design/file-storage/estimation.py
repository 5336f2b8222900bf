# %% [markdown]
# # Estimation: file storage and sync for 50M users
#
# Before you draw the boxes of a Dropbox-like service, size it: how many bytes it
# holds after five years, how many bytes per second arrive and leave, how many
# metadata rows describe them, and how many commits per second the metadata
# database takes. The answers decide what is sharded and what is not.
#
# This page is a notebook: every number below is computed by the code you see, and
# the build runs it. Run it yourself:
# `python docs/system-design/file-storage/estimation.py`.
#
# ## The assumptions, in one place
#
# Every input is a named constant in the next cell, with why it is plausible.
# Units are decimal: 1 KB = 1,000 bytes, 1 TB = 10^12 bytes, 1 PB = 10^15 bytes.
# Chunk sizes are powers of two because chunkers use bit masks; they are still
# counted in bytes. Two inputs are measured, not guessed: how much an edit
# uploads with content-defined chunks and with fixed-size chunks, from the
# example on [the design page](../../../system-design/file-storage/).

# %%
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

KB, MB, GB, TB, PB = 10**3, 10**6, 10**9, 10**12, 10**15
SECONDS_PER_DAY = 86_400
DAYS_PER_YEAR = 365

# Users and their files
USERS = 50_000_000  # registered accounts: the size the question names
DAU_SHARE = 0.2  # a sync client runs in the background; a fifth active daily
FILES_PER_USER = 1_000  # documents, photos, a synced project folder or two
AVG_FILE_BYTES = 500 * KB  # many small documents, a few large media files
DEVICES_PER_USER = 3  # laptop, phone, one more: each downloads every change

# What an active user does each day
NEW_FILES_PER_DAU_PER_DAY = 2  # a photo, a downloaded PDF
EDITS_PER_DAU_PER_DAY = 10  # saves of files that already exist

# Chunking. 64 KiB is between LBFS's 8 KB average and Dropbox's 4 MiB blocks.
AVG_CHUNK_BYTES = 64 * 1024
# Measured: examples/system_design/file_storage/dedup_demo.py, "replace 100 B
# mid" on a 1 MiB file. Content-defined chunks, 8 KiB on average, uploaded
# 10,353 bytes: one chunk about 1.26 times the average size. Fixed 8 KiB
# chunks uploaded 524,308 of 1,048,596 bytes, half the file.
CDC_CHUNKS_PER_EDIT = 10_353 / 8_192
FIXED_SHARE_PER_EDIT = 524_308 / 1_048_596

# Keeping it
VERSION_DAYS = 30  # old versions restorable for a month, then pruned
JOURNAL_DAYS = 90  # a device offline longer than this resyncs from scratch
# Reed-Solomon, 6 data + 3 parity fragments, within one site (3 replicas: 3.0).
# Surviving the loss of a data center costs more: Facebook's f4 reaches 2.1
# (https://www.usenix.org/conference/osdi14/technical-sessions/presentation/muralidhar).
REDUNDANCY = 1.5
METADATA_COPIES = 3  # a PostgreSQL primary and two replicas per shard
PEAK_FACTOR = 3.0  # office hours of the main time zones, over the daily mean
YEARS = 5

# PostgreSQL row sizes with their index entries, in bytes. A heap row has a
# 23-byte header and a 4-byte line pointer
# (https://www.postgresql.org/docs/15/storage-page-layout.html); the rest are
# the columns of examples/system_design/file_storage/metadata_schema.py.
ROW_BYTES = {
    "files": 200,  # ids, a 60-byte path, and the (account, path) index
    "versions": 80,  # one per version: file, number, size, device
    "version_chunks": 170,  # one per chunk of a version; two indexes
    "chunks": 300,  # hash, size, blob key, count; two indexes
    "journal": 140,  # one per commit
    "devices": 80,  # one per device: its cursor
}

# One metadata shard's budget: replace with numbers you measured.
SHARD_DISK_BYTES = 4 * TB  # usable disk per PostgreSQL primary
SHARD_FILL = 0.7  # fill to 70%: room for growth until a split, vacuum, reindex
# Short write transactions one primary sustains. Measure it with the NOTIFY on:
# every notifying commit waits for one lock, held until after it commits.
SHARD_COMMITS_PER_S = 5_000


# %% [markdown]
# ## Small, checked helpers
#
# Each formula is a function that refuses nonsense (zero users, a share above
# one) with a `ValueError` naming the input, instead of printing a plausible
# wrong answer.


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


def edit_upload_bytes(
    strategy: str, file_bytes: float, chunk_bytes: float = AVG_CHUNK_BYTES
) -> float:
    """Bytes one edit of a file uploads: whole file, fixed or content-defined."""
    _require_positive("file_bytes", file_bytes)
    _require_positive("chunk_bytes", chunk_bytes)
    if strategy == "whole file":
        return file_bytes
    if strategy == "fixed":
        return FIXED_SHARE_PER_EDIT * file_bytes
    if strategy == "content-defined":  # as measured, never more than the file
        return min(file_bytes, CDC_CHUNKS_PER_EDIT * chunk_bytes)
    raise ValueError(
        "strategy must be 'whole file', 'fixed' or 'content-defined', "
        f"got {strategy!r}"
    )


def chunks_per_file(file_bytes: float, chunk_bytes: float) -> float:
    """Average chunk-list length: a file smaller than a chunk is one chunk."""
    _require_positive("file_bytes", file_bytes)
    _require_positive("chunk_bytes", chunk_bytes)
    return max(1.0, file_bytes / chunk_bytes)


def gbit_per_s(bytes_per_s: float) -> float:
    """Bytes per second as gigabits per second (1 Gbit = 10^9 bits)."""
    if bytes_per_s < 0:
        raise ValueError(f"bytes_per_s must not be negative, got {bytes_per_s!r}")
    return bytes_per_s * 8 / 10**9


def shards_needed(load: float, per_shard: float) -> int:
    """Shards to carry `load` when one carries `per_shard`: at least one."""
    if load < 0:
        raise ValueError(f"load must not be negative, got {load!r}")
    _require_positive("per_shard", per_shard)
    return max(1, math.ceil(load / per_shard))


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
# ## Traffic: files, edits and commits
#
# Every new file and every saved edit is one commit to the metadata database.
# Size the database for the peak commit rate, not the mean.


# %%
def traffic(users: float) -> dict[str, float]:
    """Daily volumes for `users` registered accounts."""
    _require_positive("users", users)
    dau = users * DAU_SHARE
    new_files = dau * NEW_FILES_PER_DAU_PER_DAY
    edits = dau * EDITS_PER_DAU_PER_DAY
    return {
        "dau": dau,
        "new files": new_files,
        "edits": edits,
        "commits": new_files + edits,
    }


day = traffic(USERS)
peak_commits = per_second(day["commits"], PEAK_FACTOR)
print(
    format_table(
        ["per day", "count", "mean per s", "peak per s"],
        [
            [
                name,
                f"{n:,.0f}",
                f"{per_second(n):,.0f}",
                f"{per_second(n, PEAK_FACTOR):,.0f}",
            ]
            for name, n in day.items()
            if name != "dau"
        ],
    )
)
print(f"daily active users: {day['dau']:,.0f}")

# %% [markdown]
# ## Upload: what an edit costs under each chunking
#
# A new file uploads all its bytes. An edit uploads the whole file, the fixed
# chunks from the edit to the end, or about one content-defined chunk, as
# measured. The dedup ratio of an edit is the file's size over what it sent.

# %%
new_bytes_per_day = day["new files"] * AVG_FILE_BYTES
upload = {}
for strategy in ("whole file", "fixed", "content-defined"):
    per_edit = edit_upload_bytes(strategy, AVG_FILE_BYTES)
    upload[strategy] = {
        "per edit": per_edit,
        "per day": new_bytes_per_day + day["edits"] * per_edit,
    }
print(
    format_table(
        ["edits upload", "KB per edit", "edit dedup", "TB per day", "peak Gbit/s"],
        [
            [
                s,
                f"{u['per edit'] / KB:,.0f}",
                f"{AVG_FILE_BYTES / u['per edit']:.1f}x",
                f"{u['per day'] / TB:,.1f}",
                f"{gbit_per_s(per_second(u['per day'], PEAK_FACTOR)):,.1f}",
            ]
            for s, u in upload.items()
        ],
    )
)
cdc_upload_peak = gbit_per_s(
    per_second(upload["content-defined"]["per day"], PEAK_FACTOR)
)
# Every change is downloaded by the account's other devices.
download_peak = cdc_upload_peak * (DEVICES_PER_USER - 1)
print(f"peak download to the other devices: {download_peak:,.1f} Gbit/s")
# Each uploaded chunk is one PUT to object storage (a new file: one per chunk).
peak_puts = per_second(
    day["new files"] * chunks_per_file(AVG_FILE_BYTES, AVG_CHUNK_BYTES)
    + day["edits"]
    * min(CDC_CHUNKS_PER_EDIT, chunks_per_file(AVG_FILE_BYTES, AVG_CHUNK_BYTES)),
    PEAK_FACTOR,
)
print(f"peak chunk PUTs to object storage: {peak_puts:,.0f} per s")

# %% [markdown]
# ## Storage over five years
#
# Three parts: the files users hold today, the files they add each day, and a
# rolling window of old versions (the chunks an edit uploaded, kept for the
# version window). Nothing is assumed deleted, so this is an upper bound.
# Physical bytes multiply by the redundancy of the object store.


# %%
def stored_bytes(users: float, years: float, per_edit: float) -> dict[str, float]:
    """Logical bytes held after `years`, by part."""
    _require_positive("users", users)
    if years < 0:
        raise ValueError(f"years must not be negative, got {years!r}")
    t = traffic(users)
    return {
        "files at start": users * FILES_PER_USER * AVG_FILE_BYTES,
        "files added": t["new files"] * AVG_FILE_BYTES * years * DAYS_PER_YEAR,
        "old versions": t["edits"] * per_edit * VERSION_DAYS,
    }


cdc_edit = upload["content-defined"]["per edit"]
storage = stored_bytes(USERS, YEARS, cdc_edit)
logical = sum(storage.values())
physical = logical * REDUNDANCY
print(
    format_table(
        [f"after {YEARS} years", "PB"],
        [[part, f"{b / PB:,.2f}"] for part, b in storage.items()]
        + [
            ["logical total", f"{logical / PB:,.2f}"],
            [f"physical x{REDUNDANCY}", f"{physical / PB:,.2f}"],
        ],
    )
)
for strategy in ("whole file", "fixed"):
    other = stored_bytes(USERS, YEARS, upload[strategy]["per edit"])["old versions"]
    print(f"old versions with {strategy} uploads: {other / PB:,.2f} PB")

# %% [markdown]
# The chart stacks the three parts month by month (physical bytes,
# content-defined chunks).

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
months = list(range(YEARS * 12 + 1))
parts = {
    name: [
        stored_bytes(USERS, m / 12, cdc_edit)[name] * REDUNDANCY / PB for m in months
    ]
    for name in storage
}
fig, ax = plt.subplots(figsize=(6.4, 3.4))
ax.stackplot([m / 12 for m in months], *parts.values(), labels=list(parts))
ax.set_xlim(0, YEARS)
ax.set_xlabel("years from now")
ax.set_ylabel("physical storage (PB)")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Metadata rows and size
#
# Every file has a row, every kept version has a row and a chunk list, every
# distinct chunk has a row, every commit a journal row for the journal window.
# With per-account dedup, a new version adds a chunk-list row per chunk but a
# chunk row only for the chunks it uploaded.


# %%
def metadata_rows(users: float, years: float, chunk_bytes: float) -> dict[str, float]:
    """Rows per table after `years`, for an average chunk of `chunk_bytes`."""
    t = traffic(users)
    files = users * FILES_PER_USER + t["new files"] * years * DAYS_PER_YEAR
    per_file = chunks_per_file(AVG_FILE_BYTES, chunk_bytes)
    old_versions = t["edits"] * VERSION_DAYS
    new_chunks_per_edit = min(per_file, CDC_CHUNKS_PER_EDIT)
    return {
        "files": files,
        "versions": files + old_versions,
        "version_chunks": (files + old_versions) * per_file,
        "chunks": files * per_file + old_versions * new_chunks_per_edit,
        "journal": t["commits"] * JOURNAL_DAYS,
        "devices": users * DEVICES_PER_USER,
    }


rows = metadata_rows(USERS, YEARS, AVG_CHUNK_BYTES)
metadata_bytes = sum(rows[t] * ROW_BYTES[t] for t in rows)
print(
    format_table(
        ["table", "rows (billions)", "TB"],
        [
            [t, f"{n / 1e9:,.1f}", f"{n * ROW_BYTES[t] / TB:,.1f}"]
            for t, n in rows.items()
        ]
        + [["total, one copy", "", f"{metadata_bytes / TB:,.1f}"]],
    )
)
metadata_all_copies = metadata_bytes * METADATA_COPIES
shards = max(
    shards_needed(metadata_bytes, SHARD_DISK_BYTES * SHARD_FILL),
    shards_needed(peak_commits, SHARD_COMMITS_PER_S),
)
print(f"metadata with {METADATA_COPIES} copies: {metadata_all_copies / TB:,.0f} TB")
print(f"metadata shards (disk or peak commits): {shards}")

# %% [markdown]
# ## The chunk size trades metadata for upload
#
# Smaller chunks make an edit cheaper to upload and multiply the chunk rows.
# Dropbox's API hashes files in 4 MiB blocks
# ([content hash](https://www.dropbox.com/developers/reference/content-hash));
# [LBFS](https://pdos.csail.mit.edu/lbfs/) aimed at 8 KB.

# %%
chunk_sizes = [8 * 1024, 64 * 1024, 1024 * 1024, 4 * 1024 * 1024]
chunk_table = []
for size in chunk_sizes:
    r = metadata_rows(USERS, YEARS, size)
    md_bytes = sum(r[t] * ROW_BYTES[t] for t in r)
    per_edit = edit_upload_bytes("content-defined", AVG_FILE_BYTES, size)
    daily = new_bytes_per_day + day["edits"] * per_edit
    chunk_table.append(
        [
            f"{size // 1024:,} KiB",
            f"{md_bytes / TB:,.0f}",
            f"{per_edit / KB:,.0f}",
            f"{gbit_per_s(per_second(daily, PEAK_FACTOR)):,.1f}",
        ]
    )
print(
    format_table(
        ["avg chunk", "metadata TB", "KB per edit", "peak upload Gbit/s"], chunk_table
    )
)

# %% [markdown]
# ## At 10x and 100x
#
# The same helpers with more users; every per-user habit stays the same.

# %%
big = {}
for scale in (1, 10, 100):
    t = traffic(USERS * scale)
    s = sum(stored_bytes(USERS * scale, YEARS, cdc_edit).values())
    r = metadata_rows(USERS * scale, YEARS, AVG_CHUNK_BYTES)
    md = sum(r[k] * ROW_BYTES[k] for k in r)
    commits = per_second(t["commits"], PEAK_FACTOR)
    big[scale] = {
        "physical PB": s * REDUNDANCY / PB,
        "peak upload Gbit/s": gbit_per_s(
            per_second(
                t["new files"] * AVG_FILE_BYTES + t["edits"] * cdc_edit,
                PEAK_FACTOR,
            )
        ),
        "peak commits/s": commits,
        "metadata TB": md / TB,
        "metadata shards": shards_needed(md, SHARD_DISK_BYTES * SHARD_FILL),
        "shards for commits": shards_needed(commits, SHARD_COMMITS_PER_S),
    }
print(
    format_table(
        ["after 5 years", "today", "10x", "100x"],
        [[k, *(f"{big[s][k]:,.0f}" for s in (1, 10, 100))] for k in big[1]],
    )
)

# %% [markdown]
# ## What the numbers say
#
# Bytes are the bulk, and object storage takes them: no database holds
# petabytes of chunk bodies. The metadata is the hard part. It is sharded by
# account from the start, because an account's commits, journal and chunk
# counts must change in one transaction. Compare the two shard rows: the
# larger decides, and the chunk size moves the disk count more than any other
# input. With three devices per account, every uploaded byte is downloaded
# twice. See [partitioning](../../../system-design/partitioning/) for choosing
# the shard key and [replication](../../../system-design/replication/) for the
# copies.


# %% [markdown]
# ## Track it
#
# Where to go next: [the file storage design](../../../system-design/file-storage/)
# that these numbers size, [replication](../../../system-design/replication/) for the
# copies behind the storage figures, and [how to run a design
# round](../../../system-design/design-round/).
