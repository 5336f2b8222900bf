"""Expiry with a manual clock: no sleeping, same output on every run."""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.lru_cache.ttl_cache import TTLCache


def main() -> None:
    """Store two sessions with different lifetimes and watch them expire."""
    # --8<-- [start:demo]
    clock = ManualClock()
    sessions = TTLCache[str, str](capacity=100, default_ttl=30.0, clock=clock)
    sessions.put("alice", "token-a")  # default TTL: 30 s
    sessions.put("bob", "token-b", ttl=5.0)

    clock.advance(4.9)
    print(sessions.get("alice"), sessions.get("bob"))
    #> token-a token-b

    clock.advance(0.1)  # t = 5.0: bob's deadline, which counts as expired
    print(sessions.get("alice"), sessions.get("bob"))
    #> token-a None

    clock.advance(30.0)  # alice expired too, but nobody has looked yet
    print("stored:", len(sessions), "dropped by sweep:", sessions.purge_expired())
    #> stored: 1 dropped by sweep: 1
    print("stored:", len(sessions), "alice ->", sessions.get("alice"))
    #> stored: 0 alice -> None
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
