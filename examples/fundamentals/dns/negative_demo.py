"""NXDOMAIN and NODATA cached for the SOA's negative TTL, even after the name is created.

Run it: `.venv/bin/python examples/fundamentals/dns/negative_demo.py`. The
example.com. SOA has a TTL of 3600 and a MINIMUM of 60, so a denial lives 60 s.
"""

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.zone import negative_ttl

clock = ManualClock()
with running_hierarchy() as tree:
    resolver = tree.resolver(clock)
    authority = tree.zones["ns1.example.com."]
    # --8<-- [start:nxdomain]
    print(negative_ttl(authority.rrset("example.com.", "SOA")[0]))
    #> 60
    first = resolver.resolve("new.example.com", "A")
    print(first.rcode, [step.outcome for step in first.steps])
    #> NXDOMAIN ['referral to com.', 'referral to example.com.', 'NXDOMAIN']

    authority.replace("new.example.com.", "A", "new.example.com. 300 IN A 192.0.2.40")
    for seconds in (30, 29, 1):  # t = 30, 59, 60
        clock.advance(seconds)
        again = resolver.resolve("new.example.com", "A")
        sent = len(again.steps)
        print(f"t={clock.now():.0f}s {again.rcode} {again.data()} queries={sent}")
        #> t=30s NXDOMAIN [] queries=0
        #> t=59s NXDOMAIN [] queries=0
        #> t=60s NOERROR ['192.0.2.40'] queries=1
    # --8<-- [end:nxdomain]

    # --8<-- [start:nodata]
    nodata = resolver.resolve("api.example.com", "AAAA")
    print(nodata.rcode, nodata.records, nodata.steps[-1].outcome)
    #> NOERROR () NODATA
    print(resolver.resolve("api.example.com", "A").data())  # other types unaffected
    #> ['192.0.2.30']
    print(resolver.resolve("new.example.com", "TXT").steps[-1].outcome)
    #> NODATA
    print(resolver.resolve("gone.example.com", "A").rcode)
    #> NXDOMAIN
    print(resolver.resolve("gone.example.com", "TXT").cache_hits)  # NXDOMAIN: any type
    #> 1
    # --8<-- [end:nodata]
