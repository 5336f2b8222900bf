"""What the resolver's cache saves on this machine, in microseconds per lookup.

- uncached: a resolver with an empty cache walks root -> com. -> example.com.
  (three UDP queries to dnslib servers on loopback);
- cached: the same question again, answered from the cache (no query sent);
- through the stub: a stub's RD=1 question to our recursive resolver over
  UDP on loopback, answered from its cache (one round trip, both ends Python).

Loopback hides real network latency: each real referral costs a round trip
to a server that may be 10-100 ms away, so the uncached figure here is a floor.
Wall time on purpose; medians, so one slow run on a shared machine does not
move them.

    .venv/bin/python benchmarks/fundamentals_dns.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.timing import quick_mode
from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import Hierarchy, running_hierarchy
from examples.fundamentals.dns.recursive import RecursiveService
from examples.fundamentals.dns.server import serve_dns
from examples.fundamentals.dns.stub import ask

LOOKUPS = 5 if quick_mode() else 300
NAME = "www.example.com"


def median_us(lookup: Callable[[], object]) -> float:
    times = []
    for _ in range(LOOKUPS):
        start = time.perf_counter()
        lookup()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def uncached(tree: Hierarchy) -> Callable[[], object]:
    def lookup() -> object:
        found = tree.resolver(ManualClock()).resolve(NAME, "A")  # empty cache each time
        assert len(found.steps) == 3, found.steps
        return found

    return lookup


def main() -> None:
    with running_hierarchy() as tree:
        cold = median_us(uncached(tree))
        resolver = tree.resolver(ManualClock())
        resolver.resolve(NAME, "A")
        warm = median_us(lambda: resolver.resolve(NAME, "A"))
        with serve_dns(RecursiveService(resolver)) as server:
            stub = median_us(lambda: ask(NAME, "A", server.port))
    print(f"resolving {NAME} A, median of {LOOKUPS}")
    print(f"  uncached (root, com., example.com.) {cold:>9.0f} us")
    print(f"  cached (no query sent)              {warm:>9.1f} us")
    print(f"  ratio (uncached / cached)           {cold / warm:>9.0f}")
    print(f"  stub -> recursive, cached answer    {stub:>9.0f} us")


if __name__ == "__main__":
    main()
