# %% [markdown]
# # Estimation: a payment service at 1M payments a day
#
# A payment service is small in requests and large in consequences. Before you
# draw the ledger, size it: how many payments at the peak, how many ledger rows
# each one writes, how many write transactions reach the primary, how much the
# books grow in a year, and which single row every payment touches. Those numbers
# decide whether one PostgreSQL primary is enough, and what breaks first.
#
# This page is a notebook: every number below is computed by the code you see,
# and the build runs it. Run it yourself:
# `python docs/system-design/payments/estimation.py`.
#
# ## Ask before you compute
#
# - How many payments a day, and how spiky is the busiest hour (a sale, payday)?
# - What share is declined, and what share refunded later?
# - How long must the books be kept? Finance and the law decide, not engineering.
# - How often do clients retry, and how often does the processor redeliver
#   webhooks? Both turn into writes.
#
# The rows each payment writes come from the design itself: the tables of the
# [payments design](../../../system-design/payments/), and the
# [transactions page](../../../data/transactions-and-isolation/) explains why
# each write is its own short transaction.
#
# ## The assumptions, in one place
#
# Change one and rerun: every result and the chart follow. Units are decimal:
# 1 GB = 10^9 bytes, 1 TB = 10^12 bytes.

# %%
import math
from collections.abc import Sequence

import matplotlib.pyplot as plt

# Traffic
PAYMENTS_PER_DAY = 1_000_000  # the interviewer's number: ask for it
# Shopping follows waking hours, and a sale or a payday stacks on top of that.
# Size for four times the daily average at the busiest moment.
PEAK_FACTOR = 4.0
SUCCESS_RATE = 0.90  # the rest are declined by the card's bank: an assumption
REFUND_RATE = 0.03  # share of successful payments refunded later
CLIENT_RETRY_RATE = 0.02  # requests that repeat an Idempotency-Key (timeouts)
# Webhooks are at-least-once: count each event as delivered 1.5 times.
DELIVERIES_PER_EVENT = 1.5

# Rows the design writes (examples/system_design/payments/): a success posts
# one journal entry with three postings (processor, merchant, fees); a refund
# posts the reverse; a decline moves no money.
ENTRIES_PER_MONEY_MOVE = 1
POSTINGS_PER_MONEY_MOVE = 3
# Bytes per row, heap plus indexes, on PostgreSQL 15 with this schema:
# pg_total_relation_size / row count after 2,000 payments, rounded to 10.
# tests/system_design/payments/test_row_sizes.py measures them again on every
# run and fails if any drifts by more than 25%.
ROW_BYTES = {
    "payments": 250,
    "idempotency_keys": 340,  # the stored response is much of it
    "journal_entries": 240,
    "postings": 130,
    "processor_events": 200,
}
# Keys only need to outlive the clients' retries, and event ids the
# processor's redeliveries; the books and payments are kept.
KEY_RETENTION_DAYS = 7
EVENT_RETENTION_DAYS = 30
REPLICATION_FACTOR = 3  # a primary and two replicas; backups come on top

# A row that every payment updates serializes them: each writer holds its row
# lock until COMMIT, and a commit waits for the WAL flush. ASSUMED, not
# measured: 2 ms per commit on a primary with a fast disk. The benchmark
# (benchmarks/system_design/payments.py) measures one row on its machine and
# prints the result beside this value; a charge holds the lock longer than a
# bare UPDATE does, so measure yours.
HOT_ROW_COMMIT_MS = 2.0
SCALES = (1, 10, 100)

SECONDS_PER_DAY = 24 * 60 * 60
DAYS_PER_YEAR = 365
GB, TB = 10**9, 10**12


# %% [markdown]
# ## Small, pure helpers
#
# Each formula is a function that checks its input, so a typo in the
# assumptions raises a clear error instead of printing a plausible wrong number.


# %%
def _require_positive(name: str, value: float) -> None:
    if not value > 0:  # also refuses NaN
        raise ValueError(f"{name} must be positive, got {value!r}")


def _require_share(name: str, value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")


def per_second(per_day: float, peak_factor: float = 1.0) -> float:
    """A daily volume as a rate per second, optionally at the peak."""
    _require_positive("per_day", per_day)
    if not peak_factor >= 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return per_day / SECONDS_PER_DAY * peak_factor


def ledger_rows_per_payment(success: float, refund: float, rows_per_move: int) -> float:
    """Entries plus postings written per payment attempt, on average."""
    _require_share("success", success)
    _require_share("refund", refund)
    _require_positive("rows_per_move", rows_per_move)
    return success * rows_per_move * (1 + refund)


def commits_per_payment(
    success: float, refund: float, retry: float, deliveries_per_event: float
) -> float:
    """Write transactions per payment: claim, finish, replays, webhook deliveries."""
    _require_share("success", success)
    _require_share("refund", refund)
    _require_share("retry", retry)
    if not deliveries_per_event >= 1:
        raise ValueError(
            f"deliveries_per_event must be at least 1, got {deliveries_per_event!r}"
        )
    events = 1 + success * refund  # the outcome event, and a refund's
    return 2 + retry + events * deliveries_per_event


def kept_bytes(rows: dict[str, float], sizes: dict[str, int]) -> float:
    """Bytes per payment for the tables named in `rows` (rows per payment each)."""
    if not rows:
        raise ValueError("rows must name at least one table")
    for table, count in rows.items():
        if table not in sizes:
            raise ValueError(f"no row size for table {table!r}")
        if count < 0:
            raise ValueError(f"rows of {table!r} must not be negative, got {count!r}")
    return sum(count * sizes[table] for table, count in rows.items())


def hot_row_ceiling(commit_ms: float) -> float:
    """Updates per second one row can take when each holds its lock for a commit."""
    _require_positive("commit_ms", commit_ms)
    return 1000 / commit_ms


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
# ## Payments per second, and writes on the primary
#
# Reads are cheap here (a status check by id); writes are what the primary must
# absorb. Each payment is two short transactions on the request path (claim the
# key, then record the outcome), plus one per webhook delivery and one per
# client replay.

# %%
ROWS_PER_MOVE = ENTRIES_PER_MONEY_MOVE + POSTINGS_PER_MONEY_MOVE
avg_payments = per_second(PAYMENTS_PER_DAY)
peak_payments = per_second(PAYMENTS_PER_DAY, PEAK_FACTOR)
commits = commits_per_payment(
    SUCCESS_RATE, REFUND_RATE, CLIENT_RETRY_RATE, DELIVERIES_PER_EVENT
)
ledger_rows = ledger_rows_per_payment(SUCCESS_RATE, REFUND_RATE, ROWS_PER_MOVE)
avg_commits = avg_payments * commits
peak_commits = peak_payments * commits
print(
    format_table(
        ["figure", "value"],
        [
            ["payments per second, average", f"{avg_payments:.1f}"],
            ["payments per second, peak", f"{peak_payments:.1f}"],
            ["ledger rows per payment", f"{ledger_rows:.2f}"],
            ["write transactions per payment", f"{commits:.2f}"],
            ["write transactions per second, average", f"{avg_commits:.0f}"],
            ["write transactions per second, peak", f"{peak_commits:.0f}"],
        ],
    )
)

# %% [markdown]
# ## Storage per year
#
# The books and the payments are kept; idempotency keys and event ids are
# deleted once nobody can retry with them, so they hold a steady window, not a
# growing pile. Multiply by the replication factor for the disks you buy.

# %%
kept_rows = {
    "payments": 1,
    "journal_entries": SUCCESS_RATE * (1 + REFUND_RATE) * ENTRIES_PER_MONEY_MOVE,
    "postings": SUCCESS_RATE * (1 + REFUND_RATE) * POSTINGS_PER_MONEY_MOVE,
}
bytes_per_payment = kept_bytes(kept_rows, ROW_BYTES)
year_bytes = bytes_per_payment * PAYMENTS_PER_DAY * DAYS_PER_YEAR
window_bytes = (
    ROW_BYTES["idempotency_keys"] * PAYMENTS_PER_DAY * KEY_RETENTION_DAYS
    + ROW_BYTES["processor_events"]
    * PAYMENTS_PER_DAY
    * (1 + SUCCESS_RATE * REFUND_RATE)
    * EVENT_RETENTION_DAYS
)
by_table = {t: n * ROW_BYTES[t] * PAYMENTS_PER_DAY * DAYS_PER_YEAR for t, n in kept_rows.items()}
print(
    format_table(
        ["storage", "GB"],
        [
            *[[f"{t}, one year", f"{b / GB:.1f}"] for t, b in by_table.items()],
            ["kept per year, one copy", f"{year_bytes / GB:.1f}"],
            [f"kept per year, x{REPLICATION_FACTOR} copies", f"{year_bytes * REPLICATION_FACTOR / GB:.1f}"],
            ["keys and event ids, steady window", f"{window_bytes / GB:.1f}"],
        ],
    )
)

# %% [markdown]
# ## The row every payment touches
#
# Every successful charge adds to the processor's account and the fee account
# for its currency. With a running balance on those rows, their locks serialize
# every charge: the ceiling is one commit at a time.

# %%
ceiling = hot_row_ceiling(HOT_ROW_COMMIT_MS)
peak_charges = peak_payments * SUCCESS_RATE
print(f"updates per second one row can take: {ceiling:.0f}")
print(f"peak charges per second on the processor account: {peak_charges:.1f}")
print(f"share of the ceiling used: {peak_charges / ceiling:.1%}")

# %% [markdown]
# ## At 10x and 100x
#
# The same helpers, traffic multiplied. Watch the last column: a hot row's
# ceiling does not grow with bigger hardware, only with splitting the row.

# %%
scaled = []
for scale in SCALES:
    peak = per_second(PAYMENTS_PER_DAY * scale, PEAK_FACTOR)
    scaled.append(
        [
            f"{scale}x",
            f"{PAYMENTS_PER_DAY * scale:,}",
            f"{peak * commits:,.0f}",
            f"{year_bytes * scale / TB:.2f}",
            f"{peak * SUCCESS_RATE / ceiling:.0%}",
        ]
    )
print(
    format_table(
        ["scale", "payments/day", "peak writes/s", "TB kept/year", "hot row use"],
        scaled,
    )
)

# %% [markdown]
# The chart puts the peak charge rate at each scale against the one-row ceiling.
# Above the line, a single balance row cannot keep up, however large the machine.

# %%
# In Jupyter this line turns into a magic that renders the chart inline; as a plain
# script it is only a comment, and the chart stays off screen.
# %matplotlib inline
rates = [per_second(PAYMENTS_PER_DAY * s, PEAK_FACTOR) * SUCCESS_RATE for s in SCALES]
fig, ax = plt.subplots(figsize=(6.4, 3.2))
ax.bar([f"{s}x" for s in SCALES], rates, color="steelblue", label="peak charges per second")
ax.axhline(ceiling, linestyle="--", color="firebrick", label="one row's ceiling")
ax.set_yscale("log")
ax.set_ylim(1, 10 ** math.ceil(math.log10(max([*rates, ceiling])) + 0.5))
ax.set_xlabel("traffic scale")
ax.set_ylabel("per second (log scale)")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What the numbers say
#
# - The request rate is modest: one PostgreSQL primary takes this load, and the
#   design pressure is correctness, not throughput.
# - The books grow steadily and are never rewritten: partition the ledger tables
#   by month, so old months can move to cheaper storage and the indexes of the
#   current month stay small.
# - At 100x, the shared balance rows break before anything else does. Split each
#   hot account into several sub-accounts and sum them when reporting, or keep
#   no running balance on accounts that may go negative anyway.


# %% [markdown]
# ## Track it
#
# Where to go next: [the payments design](../../../system-design/payments/) that these
# numbers size, [transactions and
# isolation](../../../data/transactions-and-isolation/) for the row every payment
# touches, and [how to run a design round](../../../system-design/design-round/).
