"""glibc's stub at work: search list, ndots and the A+AAAA pair, seen from our resolver.

Run it (as root): `.venv/bin/python examples/fundamentals/dns/glibc_demo.py`.
"""

# requires-tool: ip

from examples.fundamentals.dns.system_stub import system_stub

# --8<-- [start:demo]
RESOLV_CONF = """\
nameserver 127.0.0.1
search corp.example example.com
options ndots:1 timeout:1 attempts:1
"""
with system_stub(RESOLV_CONF) as stub:
    print(stub.getaddrinfo("www"))  # no dot: the search list goes first
    #> ['192.0.2.10', '2001:db8::10']
    print(stub.log.names())
    #> ['www.corp.example.', 'www.example.com.']
    print(stub.log.types_asked("www.example.com."))
    #> ['A', 'AAAA']
    print(stub.getaddrinfo("shop.example.com"))  # a dot: as typed first
    #> ['192.0.2.10', '2001:db8::10']
    print(stub.log.names()[2:])
    #> ['shop.example.com.']
    print(stub.getaddrinfo("nope"))
    #> socket.gaierror: [Errno -2] Name or service not known
    print(stub.log.names()[3:])
    #> ['nope.corp.example.', 'nope.example.com.', 'nope.']
# --8<-- [end:demo]
