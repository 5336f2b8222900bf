"""What an application adds to UDP to get reliable, ordered delivery.

The smallest version is stop-and-wait: number every message, resend it until
the receiver acknowledges that number, and have the receiver deliver each
number once, in order, discarding duplicates (an ACK can be lost too, which
makes the sender resend something that did arrive). Every packet also carries
its attempt number, so no two copies have the same bytes and the lossy relay
draws a fresh fate for each. TCP, and QUIC over UDP, do the same job with
windows of many packets in flight instead of one.
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass, field

from examples.fundamentals.tcp_udp.lossy_relay import Faults, Relay

HEADER = struct.Struct("!cIB")  # kind (b"D" data, b"A" ack), sequence number, attempt
RESEND_AFTER_S = 0.25  # far above a loopback round trip, so no resend is spurious
MAX_ATTEMPTS = 10


def packet(kind: bytes, seq: int, attempt: int, payload: bytes = b"") -> bytes:
    return HEADER.pack(kind, seq, attempt) + payload


def unpack(datagram: bytes) -> tuple[bytes, int, int, bytes]:
    if len(datagram) < HEADER.size:
        raise ValueError(f"a {len(datagram)}-byte datagram has no room for the header")
    kind, seq, attempt = HEADER.unpack_from(datagram)
    return kind, seq, attempt, datagram[HEADER.size :]


# --8<-- [start:receiver]
@dataclass
class InOrderReceiver:
    """Deliver each sequence number once, in order; count the duplicates."""

    delivered: list[bytes] = field(default_factory=list)
    duplicates: int = 0

    def accept(self, seq: int, payload: bytes) -> bool:
        """Take one data packet; return True if it was delivered now."""
        if seq == len(self.delivered):
            self.delivered.append(payload)
            return True
        if seq < len(self.delivered):
            self.duplicates += 1  # our ACK was lost and the sender tried again
        return False  # a gap (seq too high) cannot happen with one packet in flight


# --8<-- [end:receiver]


def serve(
    sock: socket.socket, receiver: InOrderReceiver, stop: threading.Event
) -> None:
    sock.settimeout(0.05)
    while not stop.is_set():
        try:
            datagram, source = sock.recvfrom(65535)
        except TimeoutError:
            continue
        kind, seq, attempt, payload = unpack(datagram)
        if kind == b"D":
            receiver.accept(seq, payload)
            sock.sendto(packet(b"A", seq, attempt), source)  # ack every copy


# --8<-- [start:sender]
def send_reliably(
    sock: socket.socket, to: tuple[str, int], messages: list[bytes]
) -> list[int]:
    """Stop-and-wait: resend each message until its ACK comes; return attempts used."""
    sock.settimeout(RESEND_AFTER_S)
    attempts_used = []
    for seq, message in enumerate(messages):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            sock.sendto(packet(b"D", seq, attempt, message), to)
            if _acked(sock, seq):
                attempts_used.append(attempt)
                break
        else:
            raise TimeoutError(
                f"message {seq} unacknowledged after {MAX_ATTEMPTS} tries"
            )
    return attempts_used


def _acked(sock: socket.socket, seq: int) -> bool:
    """Wait one resend interval for the ACK of `seq`, ignoring older ACKs."""
    try:
        while True:
            kind, acked, _, _ = unpack(sock.recv(65535))
            if kind == b"A" and acked == seq:
                return True
    except TimeoutError:
        return False


# --8<-- [end:sender]


def deliver(
    messages: list[bytes], faults: Faults
) -> tuple[InOrderReceiver, list[int], Relay]:
    """Send `messages` through a lossy relay with stop-and-wait; return all the counts."""
    receiver, stop = InOrderReceiver(), threading.Event()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server_sock,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client_sock,
    ):
        server_sock.bind(("127.0.0.1", 0))
        server = threading.Thread(target=serve, args=(server_sock, receiver, stop))
        server.start()
        try:
            with Relay(server_sock.getsockname(), faults) as relay:
                attempts = send_reliably(client_sock, relay.address, messages)
        finally:
            stop.set()
            server.join(timeout=5)
    return receiver, attempts, relay


# --8<-- [start:demo]
if __name__ == "__main__":
    messages = [f"message {n}".encode() for n in range(8)]
    receiver, attempts, relay = deliver(messages, Faults(seed=3, loss=0.2))
    print("delivered in order, each once:", receiver.delivered == messages)
    #> delivered in order, each once: True
    print("attempts per message:", attempts)
    #> attempts per message: [1, 4, 1, 1, 1, 1, 1, 1]
    print("datagrams the relay dropped:", relay.dropped)
    #> datagrams the relay dropped: 3
    print("duplicates the receiver discarded:", receiver.duplicates)
    #> duplicates the receiver discarded: 2
# --8<-- [end:demo]
