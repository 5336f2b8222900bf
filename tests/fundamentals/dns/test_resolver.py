"""The iterative resolver against real dnslib servers on loopback, some of them misbehaving.

Each misbehaving server is a real UDP/TCP server whose replies are wrong on
purpose (extra records, a stolen referral, silence, a wrong ID), so the
resolver's defences are exercised on the wire, not against a mock.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from dnslib import QTYPE, RCODE, RR, DNSRecord

from examples.fundamentals.dns.cache import ManualClock, NameServer
from examples.fundamentals.dns.hierarchy import (
    COM_ZONE,
    EXAMPLE_COM_ZONE,
    ROOT_SERVER,
    ROOT_ZONE,
    running_hierarchy,
)
from examples.fundamentals.dns.names import BadName
from examples.fundamentals.dns.recursive import RecursiveService
from examples.fundamentals.dns.resolver import MAX_QUERIES, IterativeResolver
from examples.fundamentals.dns.server import LOOPBACK, serve_dns
from examples.fundamentals.dns.transport import (
    DnsTimeout,
    exchange,
    new_query,
    tcp_exchange,
    udp_exchange,
)
from examples.fundamentals.dns.zone import Zone, ZoneError

# other.com. is served by ns.example.com., a name inside another zone: the com.
# servers hold no glue for it, so the resolver must look that name up first.
OTHER_COM_ZONE = """
other.com.      3600 IN SOA ns.example.com. hostmaster.other.com. 1 7200 900 1209600 30
other.com.      3600 IN NS  ns.example.com.
www.other.com.   300 IN A   192.0.2.50
alias.other.com. 300 IN CNAME www.example.com.
loop2.other.com. 300 IN CNAME loop1.example.com.
"""
EXTRA_COM = "other.com. 172800 IN NS ns.example.com.\n"
EXTRA_EXAMPLE = """
ns.example.com.    3600 IN A     127.0.0.1
loop1.example.com.  300 IN CNAME loop2.other.com.
"""


def zones(com_extra: str = "") -> dict[str, Zone]:
    return {
        ROOT_SERVER: Zone.from_text(".", ROOT_ZONE),
        "a.gtld-servers.net.": Zone.from_text("com.", COM_ZONE + EXTRA_COM + com_extra),
        "ns1.example.com.": Zone.from_text(
            "example.com.", EXAMPLE_COM_ZONE + EXTRA_EXAMPLE
        ),
        "ns.example.com.": Zone.from_text("other.com.", OTHER_COM_ZONE),
    }


def path(resolution: object) -> list[tuple[str, str]]:
    return [(step.zone, step.outcome) for step in resolution.steps]  # type: ignore[attr-defined]


def test_a_glueless_referral_is_followed_by_resolving_the_server_name_first() -> None:
    with running_hierarchy(zones()) as tree:
        found = tree.resolver(ManualClock()).resolve("www.other.com", "A")
        assert found.data() == ["192.0.2.50"]
        assert path(found) == [
            (".", "referral to com."),
            ("com.", "referral to other.com."),
            ("com.", "referral to example.com."),  # ns.example.com A?, com. cached
            ("example.com.", "answer"),
            ("other.com.", "answer"),
        ]


def test_a_cname_into_another_zone_restarts_there() -> None:
    with running_hierarchy(zones()) as tree:
        found = tree.resolver(ManualClock()).resolve("alias.other.com", "A")
        assert [QTYPE[rr.rtype] for rr in found.records] == ["CNAME", "A"]
        assert found.data() == ["192.0.2.10"]
        assert path(found)[-2:] == [
            ("other.com.", "CNAME to www.example.com."),
            ("example.com.", "answer"),
        ]


def test_a_cname_loop_across_zones_ends_in_servfail_within_the_budget() -> None:
    with running_hierarchy(zones()) as tree:
        looped = tree.resolver(ManualClock()).resolve("loop1.example.com", "A")
        assert looped.rcode == "SERVFAIL"
        assert 0 < len(looped.steps) <= MAX_QUERIES
        assert tree.queries_received() <= MAX_QUERIES


class Lying:
    """An authority that serves its zone but adds records it has no right to."""

    def __init__(self, zone: Zone, answer: str = "", auth: str = "", extra: str = ""):
        self.zone = zone
        self.sections = (RR.fromZone(answer), RR.fromZone(auth), RR.fromZone(extra))

    def answer(self, request: DNSRecord) -> DNSRecord:
        reply = self.zone.answer(request)
        answer, auth, extra = self.sections
        reply.add_answer(*answer)
        reply.add_auth(*auth)
        reply.add_ar(*extra)
        return reply


def test_records_outside_the_asked_zone_are_not_believed() -> None:
    tree_zones: dict[str, object] = dict(zones())
    tree_zones["ns1.example.com."] = Lying(
        zones()["ns1.example.com."],
        answer="www.other.com. 86400 IN A 203.0.113.66",
    )
    with running_hierarchy(tree_zones) as tree:  # type: ignore[arg-type]
        resolver = tree.resolver(ManualClock())
        assert resolver.resolve("www.example.com", "A").data() == ["192.0.2.10"]
        assert resolver.cache.lookup("www.other.com.", QTYPE.A) is None
        honest = resolver.resolve("www.other.com", "A")
        assert honest.data() == ["192.0.2.50"]
        assert honest.steps[-1].zone == "other.com."


def test_a_referral_names_servers_only_for_the_child_it_delegates() -> None:
    # The com. server slips an NS record for another name into a referral.
    tree_zones: dict[str, object] = dict(zones())
    tree_zones["a.gtld-servers.net."] = Lying(
        zones()["a.gtld-servers.net."],
        auth="bank.test. 172800 IN NS ns.example.com.\n"
        "example.com. 172800 IN NS evil.attacker.test.",
        extra="evil.attacker.test. 172800 IN A 127.0.0.1",
    )
    with running_hierarchy(tree_zones) as tree:  # type: ignore[arg-type]
        resolver = tree.resolver(ManualClock())
        assert resolver.resolve("www.example.com", "A").data() == ["192.0.2.10"]
        cut = resolver.cache.closest_cut("www.example.com.")
        assert cut is not None
        zone, servers = cut
        # evil.attacker.test has no address we may believe (its glue is out of
        # com.'s bailiwick), and bank.test's NS is not a server of example.com.
        assert (zone, [s.name for s in servers]) == (
            "example.com.",
            ["ns1.example.com."],
        )


@contextmanager
def silent_server() -> Iterator[int]:
    """A UDP port that receives queries and never answers (a dead server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((LOOPBACK, 0))
        yield sock.getsockname()[1]


def test_a_silent_server_times_out_and_the_next_one_answers() -> None:
    com = COM_ZONE.replace(
        "example.com.  172800 IN NS  ns1.example.com.",
        "example.com.  172800 IN NS  ns0.example.com.\n"
        "example.com.  172800 IN NS  ns1.example.com.\n"
        "ns0.example.com. 172800 IN A 127.0.0.1",
    )
    tree_zones = zones()
    tree_zones["a.gtld-servers.net."] = Zone.from_text("com.", com + EXTRA_COM)
    with running_hierarchy(tree_zones) as tree, silent_server() as dead:
        resolver = IterativeResolver(
            [NameServer(ROOT_SERVER, LOOPBACK)],
            ManualClock(),
            ports={**tree.ports, "ns0.example.com.": dead},
            timeout=0.2,
        )
        found = resolver.resolve("www.example.com", "A")
        assert found.data() == ["192.0.2.10"]
        assert [(s.server, s.outcome) for s in found.steps[-2:]] == [
            ("ns0.example.com.", "timeout, next server"),
            ("ns1.example.com.", "answer"),
        ]


def test_every_server_silent_is_servfail_not_a_hang() -> None:
    with silent_server() as dead:
        resolver = IterativeResolver(
            [NameServer("a.", LOOPBACK), NameServer("b.", LOOPBACK)],
            ManualClock(),
            ports={"a.": dead, "b.": dead},
            timeout=0.1,
        )
        failed = resolver.resolve("www.example.com", "A")
        assert failed.rcode == "SERVFAIL"
        assert [s.outcome for s in failed.steps] == ["timeout, next server"] * 2


@contextmanager
def udp_replier(replies: list[bytes]) -> Iterator[int]:
    """A UDP server that answers the first query with each of `replies`, in turn."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((LOOPBACK, 0))
    sock.settimeout(5)

    def serve() -> None:
        try:
            _, client = sock.recvfrom(512)
        except OSError:
            return
        for reply in replies:
            sock.sendto(reply, client)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
        thread.join(timeout=5)


def forged(query: DNSRecord, *, id_delta: int = 0, name: str | None = None) -> bytes:
    asked = DNSRecord.question(name or str(query.q.qname), "A")
    asked.header.id = (query.header.id + id_delta) % 65_536
    reply = asked.reply()
    reply.add_answer(*RR.fromZone(f"{asked.q.qname} 300 IN A 203.0.113.66"))
    return reply.pack()


def test_udp_ignores_replies_with_another_id_or_question() -> None:
    query = new_query("www.example.com", "A", recursion_desired=False)
    good = query.reply()
    good.add_answer(*RR.fromZone("www.example.com. 300 IN A 192.0.2.10"))
    spoofs = [
        b"not dns",
        forged(query, id_delta=1),
        forged(query, name="www.example.org"),
    ]
    with udp_replier([*spoofs, good.pack()]) as port:
        reply = udp_exchange(query, LOOPBACK, port, timeout=2.0)
    assert [str(rr.rdata) for rr in reply.rr] == ["192.0.2.10"]
    with udp_replier(spoofs) as port, pytest.raises(DnsTimeout):
        udp_exchange(query, LOOPBACK, port, timeout=0.3)


def test_a_tcp_server_dripping_bytes_hits_the_deadline() -> None:
    listener = socket.create_server((LOOPBACK, 0))
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.sendall(struct.pack("!H", 200))
            for _ in range(40):  # one byte every 0.05 s: 2 s in all, then close
                if stop.wait(0.05):
                    return
                conn.sendall(b"\0")

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        query = new_query("www.example.com", "A", recursion_desired=False)
        with pytest.raises(DnsTimeout):
            tcp_exchange(query, LOOPBACK, listener.getsockname()[1], timeout=0.3)
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_nodata_and_nxdomain_live_for_the_soa_minimum_then_expire() -> None:
    clock = ManualClock()
    with running_hierarchy(zones()) as tree:
        resolver = tree.resolver(clock)
        assert resolver.resolve("www.other.com", "AAAA").records == ()
        assert resolver.resolve("nope.other.com", "A").rcode == "NXDOMAIN"
        clock.advance(29)  # other.com.'s SOA minimum is 30
        assert resolver.resolve("www.other.com", "AAAA").cache_hits == 1
        assert resolver.resolve("nope.other.com", "TXT").cache_hits == 1
        assert resolver.resolve("www.other.com", "A").data() == ["192.0.2.50"]
        clock.advance(1)
        assert resolver.resolve("www.other.com", "AAAA").cache_hits == 0
        assert resolver.resolve("nope.other.com", "A").cache_hits == 0


def test_a_soa_ttl_below_its_minimum_shortens_the_denial() -> None:
    clock = ManualClock()
    with running_hierarchy(zones()) as tree:
        tree.zones["ns1.example.com."].replace(
            "example.com.",
            "SOA",
            "example.com. 10 IN SOA ns1.example.com. hostmaster.example.com. "
            "2 7200 900 1209600 60",
        )
        resolver = tree.resolver(clock)
        resolver.resolve("nope.example.com", "A")
        clock.advance(9)
        assert resolver.resolve("nope.example.com", "A").cache_hits == 1
        clock.advance(1)  # min(SOA TTL 10, MINIMUM 60) = 10
        assert resolver.resolve("nope.example.com", "A").cache_hits == 0


def test_ttls_count_down_and_expired_delegations_restart_at_the_root() -> None:
    clock = ManualClock()
    with running_hierarchy(zones()) as tree:
        resolver = tree.resolver(clock)
        resolver.resolve("api.example.com", "A")  # TTL 60
        clock.advance(45)
        assert resolver.resolve("api.example.com", "A").records[0].ttl == 15
        clock.advance(172_800)  # every answer and every cut has expired
        again = resolver.resolve("api.example.com", "A")
        assert [s.zone for s in again.steps] == [".", "com.", "example.com."]
        with pytest.raises(ValueError, match="does not go back"):
            clock.advance(-1)


@pytest.mark.parametrize(
    ("name", "qtype", "error", "message"),
    [
        ("a..example.com", "A", BadName, "empty label"),
        ("x" * 64 + ".com", "A", BadName, "limit is 63"),
        (".".join(["a" * 60] * 5), "A", BadName, "limit is 253"),
        ("bücher.example", "A", BadName, "IDNA"),
        ("www example.com", "A", BadName, "whitespace"),
        (b"www.example.com", "A", BadName, "not bytes"),
        ("www.example.com", "BOGUS", ValueError, "unknown record type"),
    ],
)
def test_bad_questions_are_refused_before_anything_is_sent(
    name: object, qtype: str, error: type[Exception], message: str
) -> None:
    resolver = IterativeResolver([NameServer("a.", LOOPBACK)], ManualClock())
    with pytest.raises(error, match=message):
        resolver.resolve(name, qtype)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        new_query(name, qtype, recursion_desired=True)  # type: ignore[arg-type]


def test_a_resolver_without_root_hints_is_refused() -> None:
    with pytest.raises(ValueError, match="root server"):
        IterativeResolver([], ManualClock())


def test_zone_edits_that_break_the_rules_are_refused_and_change_nothing() -> None:
    zone = Zone.from_text("example.com.", EXAMPLE_COM_ZONE)
    with pytest.raises(ZoneError, match="another name or type"):
        zone.replace("www.example.com.", "A", "api.example.com. 60 IN A 192.0.2.1")
    with pytest.raises(ZoneError, match="CNAME and other data"):
        zone.replace("www.example.com.", "CNAME", "www.example.com. 60 IN CNAME x.")
    with pytest.raises(ZoneError, match="different TTLs"):
        zone.replace(
            "mail.example.com.",
            "A",
            "mail.example.com. 60 IN A 192.0.2.1\nmail.example.com. 61 IN A 192.0.2.2",
        )
    assert [str(rr.rdata) for rr in zone.rrset("www.example.com.", "A")] == [
        "192.0.2.10"
    ]
    assert zone.rrset("www.example.com.", "CNAME") == ()


def test_the_recursive_service_refuses_rd0_and_the_authority_refuses_other_zones() -> None:
    with running_hierarchy(zones()) as tree:
        service = RecursiveService(tree.resolver(ManualClock()))
        with serve_dns(service) as server:
            snoop = new_query("www.example.com", "A", recursion_desired=False)
            reply = exchange(snoop, LOOPBACK, server.port, 2.0).reply
            assert (reply.header.rcode, reply.rr) == (RCODE.REFUSED, [])
            asked = new_query("www.example.com", "A", recursion_desired=True)
            reply = exchange(asked, LOOPBACK, server.port, 2.0).reply
            assert (reply.header.ra, reply.header.aa) == (1, 0)
        authority = tree.servers["ns1.example.com."].port
        elsewhere = new_query("www.bank.test", "A", recursion_desired=False)
        reply = exchange(elsewhere, LOOPBACK, authority, 2.0).reply
        assert (reply.header.rcode, reply.header.aa) == (RCODE.REFUSED, 0)
        everything = new_query("example.com", "ANY", recursion_desired=False)
        assert exchange(everything, LOOPBACK, authority, 2.0).reply.header.rcode == (
            RCODE.NOTIMP
        )
