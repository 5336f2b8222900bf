"""The rate-limit key: forged headers change nothing, trusted hops are followed, IPv6 by /64."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.rate_limiter.client_key import (
    Trust,
    address_key,
    client_address,
    forwarded_for_values,
    parse_address,
    rate_limit_key,
)

TRUST = Trust.of("10.0.0.0/8", "2001:db8:ffff::/48")
PROXIES_V4 = ipaddress.ip_network("10.0.0.0/8")
PROXIES_V6 = ipaddress.ip_network("2001:db8:ffff::/48")


def is_proxy(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address in PROXIES_V4 or address in PROXIES_V6


proxy_addresses = st.one_of(
    st.integers(0, 2**24 - 1).map(lambda n: ipaddress.IPv4Address(int(PROXIES_V4.network_address) + n)),
    st.integers(0, 2**80 - 1).map(lambda n: ipaddress.IPv6Address(int(PROXIES_V6.network_address) + n)),
)
client_addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).filter(
    lambda a: not is_proxy(a) and not (a.version == 6 and a.ipv4_mapped)
)
# Whatever a client may write into the header: addresses (ours too), junk, empties.
forged_entries = st.lists(
    st.one_of(
        st.ip_addresses().map(str),
        proxy_addresses.map(str),
        st.text(alphabet="0123456789abcdef:.[]_ unknown", max_size=20),
    ),
    max_size=6,
)


def xff(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    return str(address)


def forwarded(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    return f'for="[{address}]:4711"' if address.version == 6 else f"for={address}"


@given(forged=forged_entries, client=client_addresses, path=st.lists(proxy_addresses, min_size=1, max_size=4))
def test_forged_entries_never_change_the_key_xff(
    forged: list[str], client: ipaddress.IPv4Address | ipaddress.IPv6Address, path: list
) -> None:
    """A client writes anything; each of our proxies appends the address it saw."""
    hops = [*forged, xff(client), *(xff(p) for p in path[:-1])]
    peer = str(path[-1])
    key = rate_limit_key(peer=peer, header_values=[", ".join(hops)], trust=TRUST)
    assert key == address_key(client)


# Raw text a client may put in its own Forwarded header: quotes left open,
# escapes, separators, "for=" pairs naming our own proxies.
forged_forwarded = st.one_of(
    st.text(alphabet='0123456789abcdef:.[]_,;="\\ for', max_size=40),
    st.lists(proxy_addresses, max_size=3).map(lambda a: ", ".join(f'for="{x}"' for x in a)),
)


@given(
    forged=forged_forwarded,
    same_line=st.booleans(),
    client=client_addresses,
    path=st.lists(proxy_addresses, min_size=1, max_size=4),
)
def test_forged_entries_never_change_the_key_forwarded(
    forged: str, same_line: bool, client: ipaddress.IPv4Address | ipaddress.IPv6Address, path: list
) -> None:
    """Proxies append to the client's line, or add a line of their own."""
    trust = Trust(TRUST.proxies, header="forwarded")
    real = ", ".join([forwarded(client), *(forwarded(p) for p in path[:-1])])
    lines = [f"{forged}, {real}"] if same_line else [forged, real]
    key = rate_limit_key(peer=str(path[-1]), header_values=lines, trust=trust)
    assert key == address_key(client)


@given(peer=client_addresses, forged=forged_entries)
def test_an_untrusted_peer_is_the_client_whatever_it_sends(
    peer: ipaddress.IPv4Address | ipaddress.IPv6Address, forged: list[str]
) -> None:
    key = rate_limit_key(peer=str(peer), header_values=[", ".join(forged)], trust=TRUST)
    assert key == address_key(peer)


@given(prefix=st.integers(0, 2**64 - 1), a=st.integers(0, 2**64 - 1), b=st.integers(0, 2**64 - 1))
def test_one_ipv6_slash_64_is_one_key(prefix: int, a: int, b: int) -> None:
    first = ipaddress.IPv6Address((prefix << 64) | a)
    second = ipaddress.IPv6Address((prefix << 64) | b)
    neighbor = ipaddress.IPv6Address((((prefix + 1) % 2**64) << 64) | a)
    assert address_key(first) == address_key(second)
    assert address_key(first) != address_key(neighbor)


def test_a_stricter_prefix_groups_more() -> None:
    a, b = ipaddress.ip_address("2001:db8:1:2::1"), ipaddress.ip_address("2001:db8:1:3::1")
    assert address_key(a) != address_key(b)
    assert address_key(a, ipv6_prefix=56) == address_key(b, ipv6_prefix=56) == "ip6:2001:db8:1::/56"


def test_only_the_named_header_counts() -> None:
    # Our proxies write X-Forwarded-For; a Forwarded header from the client is not read.
    forged_forwarded = ["for=198.51.100.99"]
    assert rate_limit_key(peer="10.0.0.5", header_values=forged_forwarded, trust=TRUST) == "ip:10.0.0.5"


def test_a_hop_that_is_no_address_counts_against_the_proxy() -> None:
    for junk in ["unknown", "_hidden", "", "not-an-ip", "[2001:db8::1"]:
        assert client_address("10.0.0.5", [junk], TRUST) == ipaddress.ip_address("10.0.0.5")


def test_a_request_from_inside_is_keyed_by_its_first_hop() -> None:
    assert client_address("10.0.0.5", ["10.1.1.1, 10.2.2.2"], TRUST) == ipaddress.ip_address("10.1.1.1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("192.0.2.60", "192.0.2.60"),
        ("192.0.2.60:8080", "192.0.2.60"),
        ("[2001:db8:cafe::17]:4711", "2001:db8:cafe::17"),
        ("[2001:db8:cafe::17]", "2001:db8:cafe::17"),
        ("2001:db8:cafe::17", "2001:db8:cafe::17"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("[2001:db8::1]:_port", "2001:db8::1"),
        ("unknown", None),
        ("_gazonk", None),
        ("192.0.2.60:99999999", None),
        ("[2001:db8::1]x", None),
        ("", None),
    ],
)
def test_parse_address(text: str, expected: str | None) -> None:
    parsed = parse_address(text)
    assert (str(parsed) if parsed else None) == expected


def test_forwarded_parsing_follows_rfc_7239() -> None:
    lines = [
        'For="[2001:db8:cafe::17]:4711";proto=https, for=192.0.2.43;by=203.0.113.60',
        'proto=http;host="a,b;c", for=198.51.100.17',  # quoted commas and semicolons
    ]
    # Parameter names ignore case; an element without `for` is an unknown hop.
    assert forwarded_for_values(lines) == ["[2001:db8:cafe::17]:4711", "192.0.2.43", "", "198.51.100.17"]


def test_api_key_and_user_come_before_the_address_and_hide_the_secret() -> None:
    key = rate_limit_key(peer="203.0.113.7", header_values=[], trust=TRUST, api_key="sk_live_secret", user_id="u1")
    assert key.startswith("key:") and len(key) == 4 + 16
    assert "secret" not in key
    assert rate_limit_key(peer="203.0.113.7", header_values=[], trust=TRUST, user_id="u1") == "user:u1"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"peer": "not-an-ip"}, ValueError, "peer must be an IP address"),
        ({"peer": "10.0.0.5", "user_id": "u 1"}, ValueError, "user_id must match"),
    ],
)
def test_bad_input_is_refused(kwargs: dict, error: type[Exception], message: str) -> None:
    arguments = {"header_values": [], "trust": TRUST, **kwargs}
    with pytest.raises(error, match=message):
        rate_limit_key(**arguments)


@pytest.mark.parametrize("header", ["x-forwarded-for", "forwarded"])
def test_a_thousand_forged_hops_before_the_real_ones_change_nothing(header: str) -> None:
    """Far past 8 KB of client text: only the trusted hops and one more are read."""
    trust = Trust.of("10.0.0.0/8", header=header)  # type: ignore[arg-type]
    if header == "x-forwarded-for":
        line = ", ".join(["10.1.1.1"] * 1_000 + ["1.2.3.4"] * 1_000 + ["203.0.113.7", "10.0.0.9"])
    else:
        forged = ", ".join(['for="junk'] + ["for=10.1.1.1"] * 2_000)  # an unbalanced quote too
        line = forged + ", for=203.0.113.7, for=10.0.0.9"
    assert len(line) > 16_000
    key = rate_limit_key(peer="10.0.0.5", header_values=[line], trust=trust)
    assert key == "ip:203.0.113.7"


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="header must be"):
        Trust.of("10.0.0.0/8", header="x-real-ip")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Trust.of("10.0.0.300/8")
    with pytest.raises(ValueError, match="ipv6_prefix"):
        address_key(ipaddress.ip_address("2001:db8::1"), ipv6_prefix=16)
