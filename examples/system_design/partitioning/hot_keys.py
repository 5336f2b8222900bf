"""Hot keys: a skewed workload, and the two usual fixes (split the key, cache the key)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from examples.system_design.partitioning.hashing import check_count


def zipf_requests(keys: int, requests: int, exponent: float, seed: int) -> list[str]:
    """`requests` picks from `keys` keys, the key of rank r with weight 1 / r**exponent."""
    check_count(keys, "keys")
    check_count(requests, "requests")
    if exponent < 0:
        raise ValueError(f"exponent must not be negative, got {exponent}")
    population = [f"post:{rank:05d}" for rank in range(keys)]
    cumulative, total = [], 0.0
    for rank in range(1, keys + 1):
        total += 1 / rank**exponent
        cumulative.append(total)
    return random.Random(seed).choices(population, cum_weights=cumulative, k=requests)


def top_keys(requests: Iterable[str], count: int) -> list[str]:
    """The `count` most requested keys: a heavy-hitter count over a sample."""
    return [
        key for key, _ in Counter(requests).most_common(check_count(count, "count"))
    ]


def hottest_share(loads: Mapping[str, int]) -> float:
    """The busiest node's share of all requests."""
    total = sum(loads.values())
    if total <= 0:
        raise ValueError("no load to share")
    return max(loads.values()) / total


# --8<-- [start:split]
def sub_keys(key: str, ways: int) -> list[str]:
    """The keys one hot key is split into; each hashes to its own place."""
    return [f"{key}#{i}" for i in range(check_count(ways, "ways"))]


def split_writes(
    requests: Iterable[str], hot: Collection[str], ways: int, seed: int
) -> list[str]:
    """Send each write of a hot key to one of its sub-keys, chosen at random.

    A counter split this way is read by summing all `ways` sub-keys: writes
    spread out, and every read of the key costs `ways` reads (fan-in).
    """
    check_count(ways, "ways")
    hot = frozenset(hot)  # one set lookup per request
    rng = random.Random(seed)
    return [f"{key}#{rng.randrange(ways)}" if key in hot else key for key in requests]


# --8<-- [end:split]


# --8<-- [start:cache]
def through_cache(
    requests: Iterable[str], cached: Collection[str], ttl: int
) -> list[str]:
    """The requests that still reach the store behind a cache of `cached` keys.

    A cached key is fetched from the store, then served from the cache until
    `ttl` ticks have passed since that fetch (simulated time: one request is
    one tick), so a ttl of 1 caches nothing.
    """
    check_count(ttl, "ttl")
    cached = frozenset(cached)
    fetched_at: dict[str, int] = {}
    reaching: list[str] = []
    for tick, key in enumerate(requests):
        if key in cached:
            if key in fetched_at and tick - fetched_at[key] < ttl:
                continue  # a cache hit: the store never sees it
            fetched_at[key] = tick
        reaching.append(key)
    return reaching


# --8<-- [end:cache]
