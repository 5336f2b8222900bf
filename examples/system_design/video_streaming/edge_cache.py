"""A CDN edge in front of the origin: Zipf-popular videos, an LRU cache of segments.

Viewers start at the first segment and stop after a random number of
segments, so early segments are requested more than late ones. Each view
streams one rendition. The edge caches whole segments up to a byte budget and
evicts the least recently used; every miss is fetched from the tier behind
it (a shield, then the origin), and `origin_bytes` counts those bytes.
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from examples.system_design.video_streaming.abr import LADDER_KBPS, SEGMENT_S

Key = tuple[int, int, int]  # (video, rendition, segment)


@dataclass(frozen=True)
class Catalog:
    videos: int = 500
    segments: int = 150  # 10 minutes of 4 s segments
    zipf_s: float = 0.9  # popularity of the video ranked i is proportional to i^-s
    keep_watching: float = 0.95  # chance a viewer asks for the next segment
    # How often each rendition is streamed (low to high), as ABR spreads views.
    rendition_mix: tuple[float, ...] = (0.05, 0.10, 0.20, 0.35, 0.30)

    def __post_init__(self) -> None:
        if self.videos <= 0 or self.segments <= 0:
            raise ValueError("videos and segments must be positive")
        if not 0 < self.keep_watching < 1:
            raise ValueError(
                f"keep_watching must be in (0, 1), got {self.keep_watching}"
            )
        if len(self.rendition_mix) != len(LADDER_KBPS) or min(self.rendition_mix) < 0:
            raise ValueError("rendition_mix needs one non-negative share per rung")

    def segment_bytes(self, rendition: int) -> int:
        return LADDER_KBPS[rendition] * 1000 * int(SEGMENT_S) // 8

    def total_bytes(self) -> int:
        """Every segment of every rendition: what the origin stores."""
        per_segment = sum(self.segment_bytes(r) for r in range(len(LADDER_KBPS)))
        return self.videos * self.segments * per_segment


# --8<-- [start:requests]
def requests(
    catalog: Catalog, count: int, seed: int, concurrent: int = 50
) -> Iterator[Key]:
    """`count` segment requests from `concurrent` interleaved views."""
    if count < 0 or concurrent <= 0:
        raise ValueError("count must not be negative and concurrent must be positive")
    rng = random.Random(seed)
    popularity = list(
        accumulate(1 / rank**catalog.zipf_s for rank in range(1, catalog.videos + 1))
    )
    mix = list(accumulate(catalog.rendition_mix))

    def new_view() -> list[int]:  # [video, rendition, next segment]
        video = rng.choices(range(catalog.videos), cum_weights=popularity)[0]
        rendition = rng.choices(range(len(mix)), cum_weights=mix)[0]
        return [video, rendition, 0]

    views = [new_view() for _ in range(concurrent)]
    for _ in range(count):
        i = rng.randrange(concurrent)
        video, rendition, segment = views[i]
        yield (video, rendition, segment)
        if segment + 1 < catalog.segments and rng.random() < catalog.keep_watching:
            views[i][2] += 1
        else:
            views[i] = new_view()  # this viewer left; another starts


# --8<-- [end:requests]


# --8<-- [start:lru]
class LruBytes:
    """An LRU cache bounded by total bytes, not entries."""

    def __init__(self, capacity_bytes: int) -> None:
        if capacity_bytes < 0:
            raise ValueError(
                f"capacity_bytes must not be negative, got {capacity_bytes}"
            )
        self.capacity = capacity_bytes
        self.used = 0
        self._items: OrderedDict[Key, int] = OrderedDict()

    def get(self, key: Key) -> bool:
        """True on a hit (and the key becomes most recent)."""
        if key in self._items:
            self._items.move_to_end(key)
            return True
        return False

    def put(self, key: Key, size: int) -> None:
        if size > self.capacity or key in self._items:
            return  # bigger than the whole cache: serve it, never store it
        while self.used + size > self.capacity:
            _, evicted = self._items.popitem(last=False)
            self.used -= evicted
        self._items[key] = size
        self.used += size

    def __len__(self) -> int:
        return len(self._items)


# --8<-- [end:lru]


@dataclass(frozen=True)
class EdgeStats:
    requests: int
    hits: int
    bytes_served: int
    origin_bytes: int

    @property
    def hit_ratio(self) -> float:
        return self.hits / self.requests if self.requests else 0.0

    @property
    def byte_hit_ratio(self) -> float:
        if not self.bytes_served:
            return 0.0
        return 1 - self.origin_bytes / self.bytes_served


def simulate(
    catalog: Catalog, cache: LruBytes, stream: Sequence[Key], warmup: int
) -> EdgeStats:
    """Serve `stream` through `cache`; count only requests after `warmup`."""
    if not 0 <= warmup <= len(stream):
        raise ValueError(f"warmup must be between 0 and {len(stream)}, got {warmup}")
    hits = served = origin = 0
    for n, key in enumerate(stream):
        size = catalog.segment_bytes(key[1])
        hit = cache.get(key)
        if not hit:
            cache.put(key, size)  # fetched from the origin, kept for the next viewer
        if n < warmup:
            continue
        hits += hit
        served += size
        origin += 0 if hit else size
    return EdgeStats(len(stream) - warmup, hits, served, origin)


def sweep(
    catalog: Catalog, count: int, seed: int, shares: Sequence[float]
) -> dict[float, EdgeStats]:
    """The same request stream through edges holding each share of the catalog."""
    if any(not s >= 0 for s in shares):
        raise ValueError("shares must not be negative")
    stream = list(requests(catalog, count, seed))
    warmup = len(stream) // 4  # count once the cache has filled
    return {
        share: simulate(
            catalog, LruBytes(int(catalog.total_bytes() * share)), stream, warmup
        )
        for share in shares
    }
