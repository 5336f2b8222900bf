"""An address change at the authority, seen by a caching resolver only when its copy expires.

Run it: `.venv/bin/python examples/fundamentals/dns/ttl_change_demo.py`. A
client asks every 10 s (as a service resolving per new connection would);
the authority changes www.example.com. at a chosen moment.
"""

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.resolver import IterativeResolver

POLL_EVERY = 10
NEW = "192.0.2.20"


def poll_until(resolver: IterativeResolver, clock: ManualClock, address: str) -> float:
    """Ask every POLL_EVERY seconds until the answer is `address`; return that moment."""
    while address not in resolver.resolve("www.example.com", "A").data():
        clock.advance(POLL_EVERY)
    return clock.now()


# --8<-- [start:unprepared]
clock = ManualClock()
with running_hierarchy() as tree:
    resolver, zone = tree.resolver(clock), tree.zones["ns1.example.com."]
    print(resolver.resolve("www.example.com", "A").records[0].ttl)
    #> 300
    clock.advance(10)
    zone.replace("www.example.com.", "A", f"www.example.com. 300 IN A {NEW}")
    seen = poll_until(resolver, clock, NEW)
    print(f"changed at t=10s, first seen at t={seen:.0f}s: {seen - 10:.0f} s stale")
    #> changed at t=10s, first seen at t=300s: 290 s stale
# --8<-- [end:unprepared]

# --8<-- [start:prepared]
clock = ManualClock()
with running_hierarchy() as tree:
    resolver, zone = tree.resolver(clock), tree.zones["ns1.example.com."]
    resolver.resolve("www.example.com", "A")  # cached at t=0 for 300 s
    zone.replace("www.example.com.", "A", "www.example.com. 30 IN A 192.0.2.10")
    clock.advance(300)  # wait out the old TTL, or caches still hold 300 s copies
    print(resolver.resolve("www.example.com", "A").records[0].ttl)
    #> 30
    clock.advance(10)
    zone.replace("www.example.com.", "A", f"www.example.com. 30 IN A {NEW}")
    seen = poll_until(resolver, clock, NEW)
    print(f"changed at t=310s, first seen at t={seen:.0f}s: {seen - 310:.0f} s stale")
    #> changed at t=310s, first seen at t=330s: 20 s stale
# --8<-- [end:prepared]
