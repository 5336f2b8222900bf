"""Both LRU versions tell the same story: eviction order, updates, capacity 1, bad input."""

from __future__ import annotations

from examples.machine_coding.lru_cache.contract import Cache, InvalidCapacityError
from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.lru_ordered_dict import OrderedDictLRUCache


# --8<-- [start:story]
def story(cache: Cache[str, int]) -> list[tuple[str, object]]:
    """The moves interviewers check; keys are listed next victim first."""
    steps: list[tuple[str, object]] = []
    for key, value in [("a", 1), ("b", 2), ("c", 3)]:
        cache.put(key, value)
    steps.append(("put a, b, c", cache.keys()))
    cache.get("a")  # a read refreshes a, so b is now the oldest
    cache.put("d", 4)  # full: evicts b, not a
    steps.append(("get a, put d", cache.keys()))
    steps.append(("get b", cache.get("b")))
    cache.put("c", 30)  # update of a present key: nothing is evicted
    steps.append(("put c=30", cache.keys()))
    return steps


# --8<-- [end:story]


def main() -> None:
    """Run the story on both implementations, then the edge cases."""
    # --8<-- [start:demo]
    for cache in (LRUCache[str, int](3), OrderedDictLRUCache[str, int](3)):
        for step, result in story(cache):
            print(f"{type(cache).__name__:<19} {step:<12} -> {result}")
            #> LRUCache            put a, b, c  -> ['a', 'b', 'c']
            #> LRUCache            get a, put d -> ['c', 'a', 'd']
            #> LRUCache            get b        -> None
            #> LRUCache            put c=30     -> ['a', 'd', 'c']
            #> OrderedDictLRUCache put a, b, c  -> ['a', 'b', 'c']
            #> OrderedDictLRUCache get a, put d -> ['c', 'a', 'd']
            #> OrderedDictLRUCache get b        -> None
            #> OrderedDictLRUCache put c=30     -> ['a', 'd', 'c']

    tiny = LRUCache[str, int](1)  # capacity 1: every new key evicts the previous one
    tiny.put("x", 1)
    tiny.put("y", 2)
    print(tiny.keys(), tiny.get("x"), tiny.get("y"))
    #> ['y'] None 2

    try:
        LRUCache(0)
    except InvalidCapacityError as error:
        print(f"{type(error).__name__}: {error}")
        #> InvalidCapacityError: capacity must be at least 1, got 0
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
