"""The stub resolver in every process: one question to the recursive resolver, and the search list.

A stub does no walking. It sends RD=1 to the server in resolv.conf and waits.
What it does decide is which names to ask for: a name with fewer than
`ndots` dots is tried with each search domain appended first, and only then
as it is (resolv.conf(5); glibc's default ndots is 1, Kubernetes pods get 5).
A trailing dot marks a name as absolute and skips the search list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dnslib import RCODE, DNSRecord

from examples.fundamentals.dns.names import canonical, checked_name
from examples.fundamentals.dns.server import LOOPBACK
from examples.fundamentals.dns.transport import exchange, new_query

STUB_TIMEOUT = 5.0  # glibc's default per-try timeout (resolv.conf(5), RES_TIMEOUT)
MAX_NDOTS = 15  # glibc caps ndots at 15


def ask(name: str, qtype: str, port: int, address: str = LOOPBACK) -> DNSRecord:
    """One recursive question (RD=1) to the resolver at `address`:`port`."""
    query = new_query(name, qtype, recursion_desired=True)
    return exchange(query, address, port, STUB_TIMEOUT).reply


# --8<-- [start:candidates]
def search_candidates(name: str, search: Sequence[str], ndots: int = 1) -> list[str]:
    """The names a glibc-style stub tries for `name`, in order."""
    if not 0 <= ndots <= MAX_NDOTS:
        raise ValueError(f"ndots is 0 to {MAX_NDOTS}, not {ndots}")
    if name.endswith("."):
        return [checked_name(name)]  # absolute: no search list
    as_is = checked_name(name)
    expanded = [checked_name(f"{name}.{canonical(domain)}") for domain in search]
    if name.count(".") >= ndots:
        return [as_is, *expanded]
    return [*expanded, as_is]


# --8<-- [end:candidates]


def lookup_with_search(
    name: str,
    qtype: str,
    search: Sequence[str],
    ndots: int,
    ask_one: Callable[[str, str], DNSRecord],
) -> list[tuple[str, str]]:
    """Try the candidates until one has an answer: [(name tried, what came back), ...]."""
    tried = []
    for candidate in search_candidates(name, search, ndots):
        reply = ask_one(candidate, qtype)
        if reply.header.rcode == RCODE.NOERROR and reply.rr:
            tried.append((candidate, "answer"))
            return tried
        outcome = (
            "NODATA"
            if reply.header.rcode == RCODE.NOERROR
            else RCODE[reply.header.rcode]
        )
        tried.append((candidate, outcome))
        if reply.header.rcode not in {RCODE.NOERROR, RCODE.NXDOMAIN}:
            return tried  # a failure (SERVFAIL) ends the search rather than guess on
    return tried
