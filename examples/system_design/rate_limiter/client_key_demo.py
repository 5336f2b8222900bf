"""Forged headers against the key function: what a client can and cannot choose."""

from examples.system_design.rate_limiter.client_key import Trust, rate_limit_key

# --8<-- [start:forged]
# Our load balancers live in 10.0.0.0/8 and append to X-Forwarded-For.
trust = Trust.of("10.0.0.0/8")


def key(peer: str, *xff: str) -> str:
    return rate_limit_key(peer=peer, header_values=xff, trust=trust)


# The balancer at 10.0.0.5 saw the client at 203.0.113.7.
print(key("10.0.0.5", "203.0.113.7"))
#> ip:203.0.113.7
# The client wrote its own header first; the balancer appended the truth.
print(key("10.0.0.5", "1.2.3.4, 10.9.9.9, 203.0.113.7"))
#> ip:203.0.113.7
# A client that bypasses the balancer gains nothing by writing the header.
print(key("198.51.100.20", "10.0.0.5, 8.8.8.8"))
#> ip:198.51.100.20
# Two balancers in a row: both hops are ours, the one before them is not.
print(key("10.0.0.5", "6.6.6.6, 203.0.113.7, 10.1.2.3"))
#> ip:203.0.113.7
# --8<-- [end:forged]

# --8<-- [start:ipv6]
# One home network, two devices, a privacy address that changes daily:
for address in ["2001:db8:1:2::10", "2001:db8:1:2:a1b2:c3d4:e5f6:7788"]:
    print(key("10.0.0.5", address))
    #> ip6:2001:db8:1:2::/64
    #> ip6:2001:db8:1:2::/64
print(key("10.0.0.5", "2001:db8:1:3::10"))  # the neighbor's /64
#> ip6:2001:db8:1:3::/64
print(key("::ffff:198.51.100.20"))  # a dual-stack socket's IPv4 peer
#> ip:198.51.100.20
# --8<-- [end:ipv6]

# --8<-- [start:forwarded]
rfc7239 = Trust.of("10.0.0.0/8", "2001:db8:ffff::/48", header="forwarded")
line = 'for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https'
print(rate_limit_key(peer="2001:db8:ffff::1", header_values=[line], trust=rfc7239))
#> ip6:2001:db8:cafe::/64
# With credentials, the key is the principal; the address no longer matters.
print(rate_limit_key(peer="10.0.0.5", header_values=[], trust=trust, user_id="u42"))
#> user:u42
# --8<-- [end:forwarded]
