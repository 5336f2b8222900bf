"""What storage tiers save on photos whose reads fade with age: a seeded cost model.

Every day brings the same number of uploads. Each photo is four objects: the
original and three renditions. A sample of photos, drawn once from a seeded
generator, gives each object a size and a popularity; an object's reads per
day (those that miss the CDN and reach the bucket) fall off with its age. A
policy moves objects between S3 storage classes by age, and the model adds up
what a month costs: storage (at the billable size, for the billable days),
GET requests (the thumbnail worker's read of each new original among them),
retrieval per GB, and lifecycle transition requests. PUTs into Standard are
left out; writing straight into a cold class counts as a move on day 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DAYS_PER_MONTH = 30  # S3 prorates GB-months by the hour; 30-day months keep it plain
KIB = 1024
GB = 10**9


# --8<-- [start:classes]
@dataclass(frozen=True)
class StorageClass:
    """US East first-tier list prices in USD, and the rules that make moves cost."""

    name: str
    gb_month: float  # storage
    retrieval_gb: float  # per GB read
    get_per_1000: float  # per 1,000 GETs
    transition_per_1000: float  # per 1,000 lifecycle moves into this class
    min_days: int  # leave or delete sooner and the remaining days are billed
    min_bytes: int  # a smaller object is billed as this size


STANDARD = StorageClass("Standard", 0.023, 0.0, 0.0004, 0.0, 0, 0)
INFREQUENT = StorageClass("Standard-IA", 0.0125, 0.01, 0.001, 0.01, 30, 128 * KIB)
GLACIER_IR = StorageClass("Glacier IR", 0.004, 0.03, 0.01, 0.02, 90, 128 * KIB)
# --8<-- [end:classes]

# Rendition sizes (median bytes) and origin reads per day at age zero. A CDN
# takes almost every read; the originals are read only to make new renditions.
KINDS = {
    "original": (2_500_000, 0.02),
    "large": (180_000, 1.0),
    "medium": (70_000, 2.0),
    "small": (9_000, 4.0),
}
# The thumbnail worker reads each original once, on the day it arrives: in
# whatever class the original was written to.
READS_ON_UPLOAD = {"original": 1.0}
HALF_LIFE_DAYS = 2.0  # reads halve every two days after posting...
FLOOR_SHARE = 0.01  # ...down to 1% of day zero: profile visits, search, shares


@dataclass(frozen=True)
class Policy:
    """Age-based moves: [(age in days, class)] per kind, and a size filter."""

    name: str
    moves: dict[str, list[tuple[int, StorageClass]]]
    min_transition_bytes: int = 128 * KIB  # S3's lifecycle default since 2024


@dataclass(frozen=True)
class Sample:
    kinds: np.ndarray  # index into KINDS
    sizes: np.ndarray  # bytes
    popularity: np.ndarray  # multiplies the kind's reads; mean 1

    def only(self, kind: str) -> Sample:
        """The objects of one kind: to see what a policy does to them alone."""
        keep = self.kinds == list(KINDS).index(kind)
        return Sample(self.kinds[keep], self.sizes[keep], self.popularity[keep])


def draw_sample(photos: int, seed: int) -> Sample:
    """Sizes log-normal around each median; popularity heavy-tailed, mean 1."""
    if photos <= 0:
        raise ValueError(f"photos must be positive, got {photos}")
    rng = np.random.default_rng(seed)
    kinds = np.repeat(np.arange(len(KINDS)), photos)
    medians = np.array([size for size, _ in KINDS.values()], dtype=float)
    sizes = np.round(medians[kinds] * rng.lognormal(0.0, 0.35, kinds.size))
    popularity = np.tile(rng.lognormal(0.0, 1.2, photos), len(KINDS))
    return Sample(kinds, sizes, popularity / popularity.mean())


def reads_per_day(ages: np.ndarray) -> np.ndarray:
    """Reads at each age, relative to day zero: a decay to a floor."""
    return np.maximum(0.5 ** (ages / HALF_LIFE_DAYS), FLOOR_SHARE)


# --8<-- [start:cost]
def daily_cost_by_age(sample: Sample, policy: Policy, days: int) -> np.ndarray:
    """Cost in USD of the whole sample on each day of its life, ages 0..days-1."""
    ages = np.arange(days)
    total = np.zeros(days)
    names = list(KINDS)
    for i in range(sample.sizes.size):
        kind, size = names[sample.kinds[i]], sample.sizes[i]
        cls = np.full(days, STANDARD, dtype=object)  # the class at each age
        moves = (
            policy.moves.get(kind, []) if size >= policy.min_transition_bytes else []
        )
        for age, target in moves:
            cls[age:] = target
        gb_month = np.array([c.gb_month for c in cls])
        billable = np.maximum(size, np.array([c.min_bytes for c in cls]))
        storage = billable / GB * gb_month / DAYS_PER_MONTH
        reads = KINDS[kind][1] * sample.popularity[i] * reads_per_day(ages)
        reads[0] += READS_ON_UPLOAD.get(kind, 0.0)
        per_get = np.array([c.get_per_1000 / 1000 for c in cls])
        per_gb = np.array([c.retrieval_gb for c in cls])
        total += storage + reads * (per_get + size / GB * per_gb)
        entered = 0
        # A move: a request (at age 0, it stands in for writing straight into
        # the class), and any early-exit bill.
        for age, target in moves:
            total[age] += target.transition_per_1000 / 1000
            left = cls[age - 1] if age > 0 else STANDARD
            short = left.min_days - (age - entered)
            if short > 0 and left is not STANDARD:
                total[age] += (
                    billable[age - 1] / GB * left.gb_month * short / DAYS_PER_MONTH
                )
            entered = age
    return total


def monthly_costs(
    by_age: np.ndarray, uploads_per_day: float, months: int
) -> list[float]:
    """Each month's bill when every day adds a cohort like the sample."""
    days = months * DAYS_PER_MONTH
    if by_age.size < days:
        raise ValueError("the cost curve is shorter than the months asked for")
    # On day t the bucket holds cohorts aged 0..t: a running sum over ages.
    per_day = np.cumsum(by_age[:days]) * uploads_per_day
    return [
        float(per_day[m * DAYS_PER_MONTH : (m + 1) * DAYS_PER_MONTH].sum())
        for m in range(months)
    ]


# --8<-- [end:cost]


def break_even_reads(
    cold: StorageClass, size_bytes: float, hot: StorageClass = STANDARD
) -> float:
    """Reads a month of a `size_bytes` object above which `cold` costs more than `hot`.

    Each month in `cold` saves the storage difference; each read costs the
    retrieval fee plus the dearer GET. For small objects the GET dominates.
    """
    if size_bytes <= 0:
        raise ValueError(f"size_bytes must be positive, got {size_bytes}")
    billed = max(size_bytes, cold.min_bytes) / GB
    saving = hot.gb_month * size_bytes / GB - cold.gb_month * billed
    per_read = (cold.get_per_1000 - hot.get_per_1000) / 1000
    per_read += (cold.retrieval_gb - hot.retrieval_gb) * size_bytes / GB
    if per_read <= 0:
        raise ValueError(f"reads cost no more in {cold.name}: nothing to break even")
    return max(0.0, saving / per_read)
