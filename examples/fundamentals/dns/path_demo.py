"""A stub asks a recursive resolver, which walks root -> com. -> example.com. and caches.

Run it: `.venv/bin/python examples/fundamentals/dns/path_demo.py`. Four dnslib
servers on free loopback ports (three authorities and the recursive
resolver), real UDP; the resolver's clock is a ManualClock, so TTLs are exact.
"""

from dnslib import RCODE

from examples.fundamentals.dns.cache import ManualClock, describe
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.recursive import RecursiveService
from examples.fundamentals.dns.resolver import Resolution
from examples.fundamentals.dns.server import serve_dns
from examples.fundamentals.dns.stub import ask


def path(resolution: Resolution) -> str:
    """The queries the recursive resolver sent: server, zone asked about, outcome."""
    lines = [f"{s.server:<20} {s.zone:<13} {s.outcome}" for s in resolution.steps]
    return "\n".join(lines) or f"no queries sent, {resolution.cache_hits} cache hit(s)"


clock = ManualClock()
with running_hierarchy() as tree:
    recursive = RecursiveService(tree.resolver(clock))
    with serve_dns(recursive) as resolver_server:
        # --8<-- [start:first]
        reply = ask("www.example.com", "A", resolver_server.port)
        print(RCODE[reply.header.rcode], f"ra={reply.header.ra} aa={reply.header.aa}")
        #> NOERROR ra=1 aa=0
        print(describe(reply.rr[0]))
        #> www.example.com. 300 A 192.0.2.10
        print(path(recursive.history[-1]))
        """
        a.root-servers.net.  .             referral to com.
        a.gtld-servers.net.  com.          referral to example.com.
        ns1.example.com.     example.com.  answer
        """
        # --8<-- [end:first]

        # --8<-- [start:cached]
        clock.advance(40)
        reply = ask("www.example.com", "A", resolver_server.port)
        print(describe(reply.rr[0]))
        #> www.example.com. 260 A 192.0.2.10
        print(path(recursive.history[-1]))
        #> no queries sent, 1 cache hit(s)

        reply = ask("api.example.com", "A", resolver_server.port)
        print(describe(reply.rr[0]))
        #> api.example.com. 60 A 192.0.2.30
        print(path(recursive.history[-1]))
        #> ns1.example.com.     example.com.  answer
        print("queries the authorities received:", tree.queries_received())
        #> queries the authorities received: 4
        # --8<-- [end:cached]
