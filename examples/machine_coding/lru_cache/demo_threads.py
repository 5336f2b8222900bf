"""Eight threads share one cache through the lock wrapper; nothing is lost or torn."""

from __future__ import annotations

import threading

from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.thread_safe import ThreadSafeCache

THREADS = 8
KEYS = 50


def main() -> None:
    """Every thread asks for the same keys at once; each key is loaded exactly once."""
    # --8<-- [start:demo]
    cache = ThreadSafeCache[int, int](LRUCache(KEYS))
    loads: list[int] = []
    start = threading.Barrier(THREADS)  # release all threads together

    def load(key: int) -> int:
        loads.append(key)  # runs under the cache lock, so append is not racing
        return key * key

    def worker() -> None:
        start.wait()
        for key in range(KEYS):
            assert cache.get_or_load(key, load) == key * key

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("entries:", len(cache), "loads:", len(loads), "distinct:", len(set(loads)))
    #> entries: 50 loads: 50 distinct: 50
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
