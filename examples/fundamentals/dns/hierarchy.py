"""A small DNS tree on loopback: a root, a com. TLD and the example.com. authority.

Each zone runs on its own dnslib server. The glue says 127.0.0.1 for every
name server, as real glue gives each one an address; since all three share
that address, the resolver also gets a table of which port each server
name listens on (real ones all listen on 53). Addresses in the answers come
from the documentation ranges (RFC 5737, RFC 3849).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from examples.fundamentals.dns.cache import Clock, NameServer
from examples.fundamentals.dns.resolver import IterativeResolver
from examples.fundamentals.dns.server import LOOPBACK, RunningServer, serve_dns
from examples.fundamentals.dns.zone import Zone

ROOT_SERVER = "a.root-servers.net."

ROOT_ZONE = """
.                   86400 IN SOA a.root-servers.net. nstld.example. 1 1800 900 604800 86400
.                  518400 IN NS  a.root-servers.net.
a.root-servers.net. 518400 IN A  127.0.0.1
com.               172800 IN NS  a.gtld-servers.net.
a.gtld-servers.net. 172800 IN A  127.0.0.1
"""

COM_ZONE = """
com.             900 IN SOA a.gtld-servers.net. nstld.example. 1 1800 900 604800 900
com.          172800 IN NS  a.gtld-servers.net.
example.com.  172800 IN NS  ns1.example.com.
ns1.example.com. 172800 IN A 127.0.0.1
"""

# --8<-- [start:example_com]
EXAMPLE_COM_ZONE = """
example.com.   3600 IN SOA   ns1.example.com. hostmaster.example.com. (
                             2026060101 7200 900 1209600 60 )
example.com.   3600 IN NS    ns1.example.com.
ns1.example.com. 3600 IN A   127.0.0.1
example.com.    300 IN A     192.0.2.10
example.com.    300 IN MX    10 mail.example.com.
example.com.    300 IN TXT   "v=spf1 mx -all"
www.example.com. 300 IN A    192.0.2.10
www.example.com. 300 IN AAAA 2001:db8::10
shop.example.com. 300 IN CNAME www.example.com.
mail.example.com. 300 IN A   192.0.2.25
api.example.com.   60 IN A   192.0.2.30
_imaps._tcp.example.com. 300 IN SRV 0 1 993 mail.example.com.
"""
# --8<-- [end:example_com]

POOL_SIZE = 32  # pool.example.com: more A records than fit in 512 bytes


def example_zones() -> dict[str, Zone]:
    """Fresh zones (each run may change them), keyed by the name of the server for each."""
    pool = "".join(
        f"pool.example.com. 30 IN A 192.0.2.{100 + i}\n" for i in range(POOL_SIZE)
    )
    return {
        ROOT_SERVER: Zone.from_text(".", ROOT_ZONE),
        "a.gtld-servers.net.": Zone.from_text("com.", COM_ZONE),
        "ns1.example.com.": Zone.from_text("example.com.", EXAMPLE_COM_ZONE + pool),
    }


@dataclass(frozen=True)
class Hierarchy:
    """Running servers, their zones, and what a resolver needs to start at the root."""

    zones: Mapping[str, Zone]
    servers: Mapping[str, RunningServer]
    root_server: str

    @property
    def ports(self) -> dict[str, int]:
        return {name: server.port for name, server in self.servers.items()}

    def resolver(self, clock: Clock, timeout: float = 1.0) -> IterativeResolver:
        """A resolver with an empty cache, its root hint pointing at our root."""
        hints = [NameServer(self.root_server, LOOPBACK)]
        return IterativeResolver(hints, clock, ports=self.ports, timeout=timeout)

    def queries_received(self) -> int:
        """Queries that reached any of the servers so far."""
        return sum(server.log.total() for server in self.servers.values())


@contextmanager
def running_hierarchy(
    zones: Mapping[str, Zone] | None = None, root_server: str = ROOT_SERVER
) -> Iterator[Hierarchy]:
    """Start one server per zone; stop all of them when the block ends."""
    zones = dict(zones) if zones is not None else example_zones()
    if root_server not in zones:
        raise ValueError(f"no zone for the root server {root_server}")
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(serve_dns(zone)) for name, zone in zones.items()
        }
        yield Hierarchy(zones, servers, root_server)
