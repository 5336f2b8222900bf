"""The DNS examples against real dnslib servers on loopback, with an injected clock."""

from __future__ import annotations

import pytest
from dnslib import RR

from examples.fundamentals.dns.cache import ManualClock
from examples.fundamentals.dns.hierarchy import EXAMPLE_COM_ZONE, running_hierarchy
from examples.fundamentals.dns.names import BadName, checked_name, within
from examples.fundamentals.dns.stub import search_candidates
from examples.fundamentals.dns.zone import Zone, ZoneError


def test_a_fresh_resolver_walks_root_tld_authority_then_answers_from_cache() -> None:
    clock = ManualClock()
    with running_hierarchy() as tree:
        resolver = tree.resolver(clock)
        first = resolver.resolve("www.example.com", "A")
        assert first.data() == ["192.0.2.10"]
        assert [s.zone for s in first.steps] == [".", "com.", "example.com."]
        clock.advance(299)
        again = resolver.resolve("www.example.com", "A")
        assert (again.steps, again.records[0].ttl) == ((), 1)
        clock.advance(1)  # the TTL has run out: ask the authority again
        assert len(resolver.resolve("www.example.com", "A").steps) == 1


def test_a_changed_address_is_seen_only_after_the_old_ttl() -> None:
    clock = ManualClock()
    with running_hierarchy() as tree:
        resolver, zone = tree.resolver(clock), tree.zones["ns1.example.com."]
        resolver.resolve("www.example.com", "A")
        zone.replace("www.example.com.", "A", "www.example.com. 300 IN A 192.0.2.99")
        clock.advance(299)
        assert resolver.resolve("www.example.com", "A").data() == ["192.0.2.10"]
        clock.advance(1)
        assert resolver.resolve("www.example.com", "A").data() == ["192.0.2.99"]


def test_nxdomain_covers_every_type_and_nodata_only_one() -> None:
    clock = ManualClock()
    with running_hierarchy() as tree:
        resolver = tree.resolver(clock)
        assert resolver.resolve("nope.example.com", "A").rcode == "NXDOMAIN"
        assert resolver.resolve("nope.example.com", "MX").cache_hits == 1
        nodata = resolver.resolve("api.example.com", "AAAA")
        assert (nodata.rcode, nodata.records) == ("NOERROR", ())
        assert resolver.resolve("api.example.com", "A").data() == ["192.0.2.30"]
        clock.advance(60)  # the SOA minimum: the denial is gone
        assert resolver.resolve("nope.example.com", "A").cache_hits == 0


def test_a_big_answer_is_truncated_over_udp_and_fetched_over_tcp() -> None:
    with running_hierarchy() as tree:
        resolution = tree.resolver(ManualClock()).resolve("pool.example.com", "A")
        assert len(resolution.data()) == 32
        assert resolution.steps[-1].transport == "udp TC=1, then tcp"
        assert tree.servers["ns1.example.com."].log.total("tcp") == 1


def test_a_cname_at_the_apex_is_refused() -> None:
    alias = RR.fromZone("example.com. 300 IN CNAME lb.example.net.")
    with pytest.raises(ZoneError, match=r"CNAME and other data at example\.com\."):
        Zone("example.com.", RR.fromZone(EXAMPLE_COM_ZONE) + alias)


def test_search_list_order_depends_on_ndots() -> None:
    search = ["svc.cluster.local"]
    assert search_candidates("db", search, ndots=1) == ["db.svc.cluster.local.", "db."]
    assert search_candidates("a.b", search, ndots=1)[0] == "a.b."
    assert search_candidates("a.b.", search, ndots=5) == ["a.b."]
    with pytest.raises(ValueError, match="ndots"):
        search_candidates("a", search, ndots=16)


def test_names_are_checked_and_compared_label_by_label() -> None:
    assert checked_name("WWW.Example.COM") == "www.example.com."
    assert not within("notexample.com.", "example.com.")
    with pytest.raises(BadName, match="63"):
        checked_name("a" * 64 + ".com")
    with pytest.raises(BadName, match="empty label"):
        checked_name("a..com")
