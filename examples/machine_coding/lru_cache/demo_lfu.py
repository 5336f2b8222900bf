"""LFU eviction: the least used key goes; among equals, the least recently used."""

from __future__ import annotations

from examples.machine_coding.lru_cache.lfu_cache import LFUCache


def main() -> None:
    """Show a frequency win over recency, then a tie broken by recency."""
    # --8<-- [start:demo]
    cache = LFUCache[str, int](3)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    cache.get("a")
    cache.get("a")  # a: 3 uses
    cache.get("b")  # b: 2 uses, c: 1 use
    cache.put("d", 4)  # evicts c, the least used
    order = cache.keys()
    print(order, [cache.frequency(key) for key in order])
    #> ['d', 'b', 'a'] [1, 2, 3]

    cache.get("d")  # d and b both have 2 uses now; b was used longer ago
    cache.put("e", 5)  # evicts b: the tie goes to the least recently used
    print(cache.keys(), "b ->", cache.get("b"))
    #> ['e', 'd', 'a'] b -> None
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
