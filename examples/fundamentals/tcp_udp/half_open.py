"""Half-open connections: the other end is gone and nothing tells you.

A TCP connection costs nothing while it is quiet: no packets flow, so when a
peer crashes, is unplugged, or restarts and forgets its connections, the
survivor notices only when it next sends. Keepalive makes the kernel send a
probe after a quiet spell and give up when enough go unanswered. Data sent to
a silent peer is resent for about 15 minutes by default (tcp_retries2);
TCP_USER_TIMEOUT bounds that.

Two namespaces joined by a veth pair play client and server; the server
stops answering with netns.Host.dropping_arrivals.
"""

# requires-tool: ip, tcpdump

from __future__ import annotations

import errno
import socket
import struct

from examples.fundamentals.tcp_udp.capture import Capture
from examples.fundamentals.tcp_udp.netns import Host, two_hosts
from examples.fundamentals.tcp_udp.tcp_info import tcp_info

PORT = 7000
TIMEOUT_S = 10.0
KEEPALIVE_IDLE_S, KEEPALIVE_INTERVAL_S, KEEPALIVE_PROBES = 1, 1, 2
USER_TIMEOUT_MS = 1000


# --8<-- [start:keepalive]
def enable_keepalive(
    sock: socket.socket, idle_s: int, interval_s: int, probes: int
) -> None:
    """Probe after `idle_s` quiet seconds, every `interval_s`, give up after `probes`."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle_s)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, interval_s)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, probes)


# --8<-- [end:keepalive]


def connect(
    client_host: Host, server_host: Host, listener: socket.socket
) -> tuple[socket.socket, socket.socket]:
    client = client_host.socket()
    client.settimeout(TIMEOUT_S)
    client.connect((server_host.address, PORT))
    server, _ = listener.accept()
    return client, server


def error_name(error: OSError) -> str:
    return errno.errorcode.get(error.errno or 0, type(error).__name__)


# --8<-- [start:vanish]
def peer_vanishes() -> dict[str, object]:
    """Two idle connections, one with keepalive, to a server that stops answering."""
    with two_hosts() as (client_host, server_host):
        listener = server_host.socket()
        listener.bind((server_host.address, PORT))
        listener.listen()
        tcp = f"tcp port {PORT}"
        with (
            listener,
            Capture(server_host.namespace, server_host.device, tcp) as capture,
        ):
            watched, server_a = connect(client_host, server_host, listener)
            plain, server_b = connect(client_host, server_host, listener)
            enable_keepalive(
                watched, KEEPALIVE_IDLE_S, KEEPALIVE_INTERVAL_S, KEEPALIVE_PROBES
            )
            with watched, plain, server_a, server_b:
                capture.wait_for(6)  # both handshakes are in; what follows is probing
                with server_host.dropping_arrivals():
                    try:
                        watched.recv(1)  # nothing will ever come
                        outcome = "data"
                    except OSError as error:
                        outcome = error_name(error)
                    plain_state = tcp_info(plain).state
                port = watched.getsockname()[1]
                later = capture.stop()[6:]
    probes = [s for s in later if s.source[1] == port and "RST" not in s.flags]
    resets = [s for s in later if s.source[1] == port and "RST" in s.flags]
    return {
        "keepalive connection": outcome,
        "probes it sent": len(probes),
        "resets it sent on giving up": len(resets),
        "connection without keepalive": plain_state,
    }


# --8<-- [end:vanish]


# --8<-- [start:restart]
def peer_restarts() -> dict[str, object]:
    """The server forgets the connection while unreachable, then comes back."""
    with two_hosts() as (client_host, server_host):
        listener = server_host.socket()
        listener.bind((server_host.address, PORT))
        listener.listen()
        with listener:
            client, server = connect(client_host, server_host, listener)
            with client:
                with server_host.dropping_arrivals():
                    # Closing with a zero linger discards the connection and sends
                    # a RST, which cannot leave: the server has no route now.
                    server.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    server.close()
                state_before_sending = tcp_info(client).state
                client.sendall(b"anyone there?")  # succeeds: it only fills a buffer
                try:
                    client.recv(64)
                    outcome = "data"
                except OSError as error:
                    outcome = error_name(error)
    return {"client believes": state_before_sending, "after sending": outcome}


# --8<-- [end:restart]


# --8<-- [start:unanswered]
def unanswered_send() -> dict[str, object]:
    """Two connections send to a server that went silent; one has TCP_USER_TIMEOUT."""
    with two_hosts() as (client_host, server_host):
        listener = server_host.socket()
        listener.bind((server_host.address, PORT))
        listener.listen()
        with listener:
            bounded, server_a = connect(client_host, server_host, listener)
            default, server_b = connect(client_host, server_host, listener)
            # How long sent data may stay unacknowledged before the kernel gives up.
            bounded.setsockopt(
                socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, USER_TIMEOUT_MS
            )
            with bounded, default, server_a, server_b:
                with server_host.dropping_arrivals():
                    for sock in (bounded, default):
                        sock.sendall(b"request")  # returns: the kernel has it
                    try:
                        bounded.recv(64)  # waits for the kernel to give up
                        outcome = "data"
                    except OSError as error:
                        outcome = error_name(error)
                    still = tcp_info(default)  # sent as long ago, no limit
                retries = client_host.namespace.run(
                    "cat", "/proc/sys/net/ipv4/tcp_retries2"
                )
    return {
        f"with TCP_USER_TIMEOUT {USER_TIMEOUT_MS} ms": outcome,
        "without it": f"{still.state}, resending: {still.total_retrans > 0}",
        "resends before the default gives up (tcp_retries2)": int(retries),
    }


# --8<-- [end:unanswered]


# --8<-- [start:demo]
if __name__ == "__main__":
    for name, value in peer_vanishes().items():
        print(f"{name}: {value}")
        #> keepalive connection: ETIMEDOUT
        #> probes it sent: 2
        #> resets it sent on giving up: 1
        #> connection without keepalive: ESTABLISHED
    for name, value in peer_restarts().items():
        print(f"{name}: {value}")
        #> client believes: ESTABLISHED
        #> after sending: ECONNRESET
    for name, value in unanswered_send().items():
        print(f"{name}: {value}")
        #> with TCP_USER_TIMEOUT 1000 ms: ETIMEDOUT
        #> without it: ESTABLISHED, resending: True
        #> resends before the default gives up (tcp_retries2): 15
# --8<-- [end:demo]
