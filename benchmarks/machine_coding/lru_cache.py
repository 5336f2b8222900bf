"""Per-operation time of get and put at two sizes for both LRU versions, the LFU and the TTL cache.

Each workload fills a cache of capacity `size`, then times a fixed number of
operations on it. get: hits on random present keys. put: new keys into a full
cache, so every put also evicts. A ratio near 1 between the sizes means the
time per operation does not grow with the cache: O(1). The TTL cache runs on a
manual clock that never moves, so every get pays for the deadline check and
none expires.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.timing import Workload, per_operation, report
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.lru_cache.lfu_cache import LFUCache
from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.lru_ordered_dict import OrderedDictLRUCache
from examples.machine_coding.lru_cache.ttl_cache import TTLCache

OPS = 20_000
AnyCache = LRUCache[int, int] | OrderedDictLRUCache[int, int] | LFUCache[int, int] | TTLCache[int, int]
Factory = Callable[[int], AnyCache]


def ttl_cache(size: int) -> TTLCache[int, int]:
    return TTLCache(size, default_ttl=3600.0, clock=ManualClock())


IMPLEMENTATIONS: dict[str, Factory] = {
    "LRU (dict + linked list)": LRUCache,
    "LRU (OrderedDict)": OrderedDictLRUCache,
    "LFU (frequency buckets)": LFUCache,
    "TTL (LRU + deadlines)": ttl_cache,
}


def full_cache(factory: Factory, size: int) -> AnyCache:
    cache = factory(size)
    for key in range(size):
        cache.put(key, key)
    return cache


def gets(factory: Factory) -> Workload:
    def workload(size: int) -> tuple[Callable[[], None], int]:
        cache = full_cache(factory, size)
        rng = random.Random(size)  # noqa: S311 - a repeatable workload
        keys = [rng.randrange(size) for _ in range(OPS)]

        def run() -> None:
            get = cache.get
            for key in keys:
                get(key)

        return run, len(keys)

    return workload


def puts(factory: Factory) -> Workload:
    def workload(size: int) -> tuple[Callable[[], None], int]:
        cache = full_cache(factory, size)
        keys = range(size, size + OPS)  # all new: each put evicts one entry

        def run() -> None:
            put = cache.put
            for key in keys:
                put(key, key)

        return run, len(keys)

    return workload


def dict_gets(size: int) -> tuple[Callable[[], None], int]:
    """The floor: a plain dict lookup on the same keys, no cache logic at all."""
    table = {key: key for key in range(size)}
    rng = random.Random(size)  # noqa: S311 - a repeatable workload
    keys = [rng.randrange(size) for _ in range(OPS)]

    def run() -> None:
        get = table.get
        for key in keys:
            get(key)

    return run, len(keys)


if __name__ == "__main__":
    report("plain dict get (baseline)", per_operation(dict_gets))
    for name, factory in IMPLEMENTATIONS.items():
        report(f"{name} get", per_operation(gets(factory)))
        report(f"{name} put+evict", per_operation(puts(factory)))
