"""Record types from the example.com. authority, a CNAME chased, and a CNAME at the apex refused.

Run it: `.venv/bin/python examples/fundamentals/dns/records_demo.py`.
"""

from dnslib import RR

from examples.fundamentals.dns.cache import ManualClock, describe
from examples.fundamentals.dns.hierarchy import EXAMPLE_COM_ZONE, running_hierarchy
from examples.fundamentals.dns.zone import Zone, ZoneError

clock = ManualClock()
with running_hierarchy() as tree:
    resolver = tree.resolver(clock)
    # --8<-- [start:types]
    questions = [
        ("www.example.com", "AAAA"),
        ("example.com", "MX"),
        ("example.com", "TXT"),
        ("_imaps._tcp.example.com", "SRV"),
        ("example.com", "NS"),
    ]
    for name, qtype in questions:
        for record in resolver.resolve(name, qtype).records:
            print(describe(record))
            #> www.example.com. 300 AAAA 2001:db8::10
            #> example.com. 300 MX 10 mail.example.com.
            #> example.com. 300 TXT "v=spf1 mx -all"
            #> _imaps._tcp.example.com. 300 SRV 0 1 993 mail.example.com.
            #> example.com. 3600 NS ns1.example.com.
    soa = resolver.resolve("example.com", "SOA").records[0].rdata
    print(soa.mname, soa.rname)
    #> ns1.example.com. hostmaster.example.com.
    serial, refresh, retry, expire, minimum = soa.times
    print(f"{serial=} {refresh=} {retry=} {expire=} {minimum=}")
    #> serial=2026060101 refresh=7200 retry=900 expire=1209600 minimum=60
    # --8<-- [end:types]

    # --8<-- [start:cname]
    shop = resolver.resolve("shop.example.com", "A")
    for record in shop.records:
        print(describe(record))
        #> shop.example.com. 300 CNAME www.example.com.
        #> www.example.com. 300 A 192.0.2.10
    print(shop.data("A"), len(shop.steps), "query")
    #> ['192.0.2.10'] 1 query
    # --8<-- [end:cname]

# --8<-- [start:apex]
apex_alias = RR.fromZone("example.com. 300 IN CNAME lb.cloud-provider.example.")
try:
    Zone("example.com.", RR.fromZone(EXAMPLE_COM_ZONE) + apex_alias)
except ZoneError as error:
    print(error)
    #> CNAME and other data at example.com. (A, MX, NS, SOA, TXT)
# --8<-- [end:apex]
