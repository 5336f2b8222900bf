"""UDP keeps message boundaries and has no connection; TCP is one byte stream.

Three sends over TCP can come out of one recv() glued together; three sends
over UDP come out of three recv() calls, one datagram each. A datagram read
into a buffer that is too small is cut, and the rest is gone. And since UDP
has no handshake, sending to a port where nobody listens "works": the only
sign is an ICMP error that a connected UDP socket reports on a later call.
Even loopback loses datagrams: when a receive buffer is full, the kernel drops
what arrives and counts it (RcvbufErrors).
"""

from __future__ import annotations

import fcntl
import socket
import struct
import termios
import time
from pathlib import Path

MESSAGES = [b"one", b"two", b"three"]
TIMEOUT_S = 5.0


def bytes_waiting(sock: socket.socket) -> int:
    """How many bytes the kernel holds for this TCP socket (FIONREAD)."""
    raw = fcntl.ioctl(sock.fileno(), termios.FIONREAD, struct.pack("i", 0))
    return struct.unpack("i", raw)[0]


# --8<-- [start:stream]
def tcp_reads() -> list[bytes]:
    """Send three messages over TCP, wait until all have arrived, read once."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        address = listener.getsockname()
        with socket.create_connection(address, timeout=TIMEOUT_S) as sender:
            receiver, _ = listener.accept()
            with receiver:
                for message in MESSAGES:
                    sender.sendall(message)
                deadline = time.monotonic() + TIMEOUT_S
                while bytes_waiting(receiver) < sum(map(len, MESSAGES)):
                    if time.monotonic() > deadline:
                        raise TimeoutError("the bytes never arrived")
                    time.sleep(0.001)
                return [receiver.recv(4096)]


def udp_reads() -> list[bytes]:
    """Send the same three messages as datagrams; each recv() returns one."""
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
    ):
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(TIMEOUT_S)
        for message in MESSAGES:
            sender.sendto(message, receiver.getsockname())
        return [receiver.recv(4096) for _ in MESSAGES]


# --8<-- [end:stream]


def udp_too_small_buffer() -> tuple[bytes, bool, bytes]:
    """Read a 1,000-byte datagram into 10 bytes: what comes back, and what is left."""
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
    ):
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(TIMEOUT_S)
        sender.sendto(b"x" * 1000, receiver.getsockname())
        sender.sendto(b"next", receiver.getsockname())
        data, _, flags, _ = receiver.recvmsg(10)
        return data, bool(flags & socket.MSG_TRUNC), receiver.recv(4096)


def udp_counter(name: str) -> int:
    """One of the kernel's UDP counters (/proc/net/snmp), e.g. RcvbufErrors."""
    rows = [line.split() for line in Path("/proc/net/snmp").read_text().splitlines()]
    names, values = [row for row in rows if row[0] == "Udp:"][:2]
    return int(dict(zip(names, values, strict=True))[name])


# --8<-- [start:overflow]
def udp_overflow(count: int = 200, size: int = 1000) -> tuple[int, bool]:
    """Send `count` datagrams to a socket that is not reading; how many survive?"""
    errors_before = udp_counter("RcvbufErrors")
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
    ):
        receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16_384)
        receiver.bind(("127.0.0.1", 0))
        for _ in range(count):
            sender.sendto(b"x" * size, receiver.getsockname())  # never blocks
        receiver.settimeout(0.2)  # the reader wakes up late, as a busy one does
        received = 0
        try:
            while receiver.recv(size):
                received += 1
        except TimeoutError:
            pass
    return received, udp_counter("RcvbufErrors") > errors_before


# --8<-- [end:overflow]


# --8<-- [start:nobody]
def udp_to_nobody() -> str:
    """Send to a closed port: the send succeeds, the next recv reports ICMP."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # free once `probe` is closed
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(TIMEOUT_S)
        sock.connect(("127.0.0.1", closed_port))  # no packet: it only sets the peer
        sent = sock.send(b"hello?")
        try:
            sock.recv(64)
        except ConnectionRefusedError:  # ICMP port unreachable came back
            return f"send returned {sent}, then recv raised ConnectionRefusedError"
        return f"send returned {sent}, then recv got an answer"


# --8<-- [end:nobody]


# --8<-- [start:demo]
if __name__ == "__main__":
    print("TCP:", tcp_reads())
    #> TCP: [b'onetwothree']
    print("UDP:", udp_reads())
    #> UDP: [b'one', b'two', b'three']
    data, truncated, after = udp_too_small_buffer()
    print(
        f"10-byte buffer: {len(data)} bytes, MSG_TRUNC {truncated}, next recv {after}"
    )
    #> 10-byte buffer: 10 bytes, MSG_TRUNC True, next recv b'next'
    received, counted = udp_overflow(count=200)
    print(f"200 sent to a full buffer, received fewer: {received < 200}")
    #> 200 sent to a full buffer, received fewer: True
    print("counted as RcvbufErrors:", counted)
    #> counted as RcvbufErrors: True
    print(udp_to_nobody())
    #> send returned 6, then recv raised ConnectionRefusedError
# --8<-- [end:demo]
