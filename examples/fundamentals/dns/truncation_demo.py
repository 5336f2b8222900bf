"""A 32-address answer does not fit in 512 bytes of UDP: TC=1, then the same question over TCP.

Run it: `.venv/bin/python examples/fundamentals/dns/truncation_demo.py`.
"""

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import running_hierarchy
from examples.fundamentals.dns.server import LOOPBACK
from examples.fundamentals.dns.transport import exchange, new_query, udp_exchange

with running_hierarchy() as tree:
    port = tree.servers["ns1.example.com."].port
    # --8<-- [start:wire]
    small = new_query("www.example.com", "A", recursion_desired=False)
    print(len(udp_exchange(small, LOOPBACK, port, timeout=1.0).pack()), "bytes")
    #> 49 bytes

    pool = new_query("pool.example.com", "A", recursion_desired=False)
    udp_reply = udp_exchange(pool, LOOPBACK, port, timeout=1.0)
    print(f"udp: tc={udp_reply.header.tc} answers={len(udp_reply.rr)}")
    #> udp: tc=1 answers=0
    result = exchange(pool, LOOPBACK, port, timeout=1.0)
    size = len(result.reply.pack())
    print(f"{result.transport}: answers={len(result.reply.rr)}, {size} bytes")
    #> tcp: answers=32, 546 bytes
    # --8<-- [end:wire]

    # --8<-- [start:resolver]
    resolution = tree.resolver(ManualClock()).resolve("pool.example.com", "A")
    print(resolution.steps[-1].transport, len(resolution.data()))
    #> udp TC=1, then tcp 32
    print(tree.servers["ns1.example.com."].log.total("tcp"), "TCP queries")
    #> 2 TCP queries
    # --8<-- [end:resolver]
