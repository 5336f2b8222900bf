"""Lose a segment on purpose and watch TCP send it again until it gets through.

Two namespaces joined by a veth pair play client and server. While the server
drops everything that arrives (netns.Host.dropping_arrivals), the client
writes five bytes; tcpdump on the server's interface sees every copy land.
After a few copies the server accepts packets again and the next copy is
delivered, once, in order. The client's kernel counts what it did.
"""

# requires-tool: ip, tcpdump

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from examples.fundamentals.tcp_udp.capture import Capture, relative
from examples.fundamentals.tcp_udp.netns import Host, two_hosts
from examples.fundamentals.tcp_udp.tcp_info import tcp_info
from examples.fundamentals.tcp_udp.udp_datagrams import bytes_waiting

PORT = 7000
TIMEOUT_S = 10.0
DATA = b"hello"


@dataclass(frozen=True)
class Outcome:
    copies: int  # copies of the data segment seen arriving at the server
    sequence_numbers: set[int]  # their (relative) sequence numbers
    received: bytes  # what the server's application read
    retransmitted: int  # tcp_info total_retrans on the client
    loss_probes: int  # TcpExt TCPLossProbes in the client's namespace
    timeouts: int  # TcpExt TCPTimeouts in the client's namespace


@dataclass(frozen=True)
class Connection:
    """One connection between two namespaces, with tcpdump on the server's side."""

    client_host: Host
    server_host: Host
    client: socket.socket
    server: socket.socket
    capture: Capture


@contextmanager
def watched_connection(
    *, nodelay: bool = False, fast_recovery: bool = True
) -> Iterator[Connection]:
    with two_hosts() as (client_host, server_host):
        if not fast_recovery:  # before connecting: SACK is agreed in the handshake
            for name in ("tcp_sack", "tcp_recovery", "tcp_early_retrans"):
                client_host.namespace.set_sysctl(f"net/ipv4/{name}", 0)
        listener, client = server_host.socket(), client_host.socket()
        tcp = f"tcp port {PORT}"
        capture = Capture(server_host.namespace, server_host.device, tcp)
        with listener, client, capture:
            listener.bind((server_host.address, PORT))
            listener.listen()
            client.settimeout(TIMEOUT_S)
            if nodelay:
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client.connect((server_host.address, PORT))
            server, _ = listener.accept()
            with server:
                server.settimeout(TIMEOUT_S)
                yield Connection(client_host, server_host, client, server, capture)


# --8<-- [start:lose]
def lose_then_deliver(lost_copies: int = 3) -> Outcome:
    """Drop the first `lost_copies` copies of DATA, then let the next one in."""
    with watched_connection() as c:
        with c.server_host.dropping_arrivals():
            c.client.sendall(DATA)  # returns at once: the kernel owns it now
            c.capture.wait_for(lost_copies, lambda s: s.length == len(DATA))
        received = c.server.recv(64)  # arrives with the next copy
        copies = [s for s in relative(c.capture.stop()) if s.length == len(DATA)]
        counters = c.client_host.namespace.counters()
        return Outcome(
            copies=len(copies),
            sequence_numbers={s.seq for s in copies if s.seq is not None},
            received=received,
            retransmitted=tcp_info(c.client).total_retrans,
            loss_probes=counters["TCPLossProbes"],
            timeouts=counters["TCPTimeouts"],
        )


# --8<-- [end:lose]


# --8<-- [start:blocked]
def head_of_line_blocking() -> tuple[int, bytes]:
    """Lose b"hello" once, deliver b"world" behind it: what can the server read?"""
    # Loopback-fast round trips would fill the hole in microseconds (SACK, RACK,
    # tail loss probes); with those off, the client waits for one full timeout.
    with watched_connection(nodelay=True, fast_recovery=False) as c:
        with c.server_host.dropping_arrivals():
            c.client.sendall(b"hello")
            c.capture.wait_for(1, lambda s: s.length == 5)  # lost
        c.client.sendall(b"world")
        c.capture.wait_for(2, lambda s: s.length == 5)  # b"world" is in
        readable = bytes_waiting(c.server)  # the kernel holds it; the app cannot
        return readable, c.server.recv(64)  # returns after the resend


# --8<-- [end:blocked]


# --8<-- [start:demo]
if __name__ == "__main__":
    outcome = lose_then_deliver(lost_copies=3)
    print("copies that reached the server:", outcome.copies)
    #> copies that reached the server: 4
    print("their sequence numbers:", outcome.sequence_numbers)
    #> their sequence numbers: {1}
    print("the server's application read:", outcome.received)
    #> the server's application read: b'hello'
    print("client kernel, segments sent again:", outcome.retransmitted)
    #> client kernel, segments sent again: 3
    print("of which tail loss probes:", outcome.loss_probes)
    #> of which tail loss probes: 1
    print("and retransmission timeouts:", outcome.timeouts)
    #> and retransmission timeouts: 2
    readable, read = head_of_line_blocking()
    print("readable while b'hello' is missing:", readable, "bytes")
    #> readable while b'hello' is missing: 0 bytes
    print("then one read returns:", read)
    #> then one read returns: b'helloworld'
# --8<-- [end:demo]
