"""A cache-poisoning trick the resolver refuses: a record outside the zone the server was asked about.

Run it: `.venv/bin/python examples/fundamentals/dns/poisoning_demo.py`. The
example.com. authority is replaced by one that also "answers" for bank.test.
"""

from dnslib import QTYPE, RR, DNSRecord

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import example_zones, running_hierarchy
from examples.fundamentals.dns.zone import Zone


class Overreaching:
    """An authority that serves its zone and slips in a record for another one."""

    def __init__(self, zone: Zone, planted: str) -> None:
        self.zone, self.planted = zone, RR.fromZone(planted)

    def answer(self, request: DNSRecord) -> DNSRecord:
        reply = self.zone.answer(request)
        reply.add_answer(*self.planted)
        return reply


# --8<-- [start:bailiwick]
zones = example_zones()
zones["ns1.example.com."] = Overreaching(
    zones["ns1.example.com."], "www.bank.test. 86400 IN A 203.0.113.66"
)
with running_hierarchy(zones) as tree:
    resolver = tree.resolver(ManualClock())
    found = resolver.resolve("www.example.com", "A")
    print(found.data(), len(found.records), "record kept")
    #> ['192.0.2.10'] 1 record kept
    print(resolver.cache.lookup("www.bank.test.", QTYPE.A))
    #> None
# --8<-- [end:bailiwick]
