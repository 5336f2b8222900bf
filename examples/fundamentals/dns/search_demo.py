"""What ndots:5 and a Kubernetes-style search list cost a lookup of an outside name.

Run it: `.venv/bin/python examples/fundamentals/dns/search_demo.py`. The stub
asks our recursive resolver (on loopback) for each candidate name in turn.
"""

from functools import partial

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.recursive import RecursiveService
from examples.fundamentals.dns.server import serve_dns
from examples.fundamentals.dns.stub import ask, lookup_with_search, search_candidates

SEARCH = ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]

# --8<-- [start:candidates]
for name in search_candidates("api.example.com", SEARCH, ndots=5):
    print(name)
    #> api.example.com.default.svc.cluster.local.
    #> api.example.com.svc.cluster.local.
    #> api.example.com.cluster.local.
    #> api.example.com.
print(search_candidates("api.example.com", SEARCH, ndots=1)[0])
#> api.example.com.
print(search_candidates("api.example.com.", SEARCH, ndots=5))
#> ['api.example.com.']
# --8<-- [end:candidates]

# --8<-- [start:cost]
with running_hierarchy() as tree:
    recursive = RecursiveService(tree.resolver(ManualClock()))
    with serve_dns(recursive) as server:
        ask_here = partial(ask, port=server.port)
        for name in ("api.example.com.", "api.example.com", "api.example.com"):
            before = len(recursive.history)
            tried = lookup_with_search(name, "A", SEARCH, 5, ask_here)
            upstream = sum(len(r.steps) for r in recursive.history[before:])
            denied = sum(outcome == "NXDOMAIN" for _, outcome in tried)
            asked = f"stub asked {len(tried)} ({denied} NXDOMAIN)"
            print(f"{name:<17} {asked}, sent {upstream}")
            #> api.example.com.  stub asked 1 (0 NXDOMAIN), sent 3
            #> api.example.com   stub asked 4 (3 NXDOMAIN), sent 3
            #> api.example.com   stub asked 4 (3 NXDOMAIN), sent 0
# --8<-- [end:cost]
