"""One DNS question and its answer over the wire: UDP first, TCP when the answer is truncated.

UDP costs one datagram each way. A reply that does not fit comes back with the
TC bit set, and the client asks again over TCP, where each message carries a
two-byte length prefix (RFC 1035, sections 4.2.1 and 4.2.2; RFC 7766 makes
TCP support mandatory for every server).
"""

from __future__ import annotations

import secrets
import socket
import struct
import time
from dataclasses import dataclass

from dnslib import DNSError, DNSRecord

from examples.fundamentals.dns.names import canonical, checked_name, record_type

DNS_PORT = 53
MAX_MESSAGE = 65_535  # the two-byte length prefix caps a TCP message


class DnsTimeout(TimeoutError):
    """No matching reply before the deadline."""


class DnsProtocolError(ValueError):
    """A reply that does not answer the question we sent."""


def new_query(name: str, qtype: str, recursion_desired: bool) -> DNSRecord:
    """A query with an unpredictable ID: a spoofed reply must guess it (RFC 5452)."""
    record_type(qtype)  # refuse unknown types with our clear error, before dnslib's
    query = DNSRecord.question(checked_name(name), qtype)
    query.header.id = secrets.randbelow(1 << 16)
    query.header.rd = int(recursion_desired)
    return query


def answers(query: DNSRecord, reply: DNSRecord) -> bool:
    """True if `reply` is a response to `query`: same ID, and same question unless truncated empty."""
    if reply.header.id != query.header.id or not reply.header.qr:
        return False
    if not reply.questions:
        return bool(reply.header.tc)  # dnslib's truncated replies drop the question
    asked, got = query.q, reply.q
    same_name = canonical(asked.qname) == canonical(got.qname)
    return same_name and (asked.qtype, asked.qclass) == (got.qtype, got.qclass)


# --8<-- [start:udp]
def udp_exchange(
    query: DNSRecord, address: str, port: int, timeout: float
) -> DNSRecord:
    """Send `query` in one datagram and wait for the reply that matches it."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect((address, port))  # the kernel now drops datagrams from anyone else
        sock.send(query.pack())
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                data = sock.recv(MAX_MESSAGE)
            except TimeoutError:
                break
            try:
                reply = DNSRecord.parse(data)
            except DNSError:
                continue  # garbage is not an answer; keep waiting for one
            if answers(query, reply):
                return reply
    raise DnsTimeout(f"no reply from {address}:{port} within {timeout} s")


# --8<-- [end:udp]


def tcp_exchange(
    query: DNSRecord, address: str, port: int, timeout: float
) -> DNSRecord:
    """Send `query` over a new TCP connection, length-prefixed, and read one reply."""
    message = query.pack()
    deadline = time.monotonic() + timeout  # for the whole exchange, not per recv()
    try:
        with socket.create_connection((address, port), timeout=timeout) as sock:
            sock.sendall(struct.pack("!H", len(message)) + message)
            (length,) = struct.unpack("!H", _read_exactly(sock, 2, deadline))
            reply = DNSRecord.parse(_read_exactly(sock, length, deadline))
    except TimeoutError:
        raise DnsTimeout(
            f"no TCP reply from {address}:{port} within {timeout} s"
        ) from None
    except DNSError as error:
        raise DnsProtocolError(f"an unreadable TCP reply: {error}") from None
    if not answers(query, reply):
        raise DnsProtocolError("the TCP reply answers another question")
    return reply


def _read_exactly(sock: socket.socket, size: int, deadline: float) -> bytes:
    """`size` bytes, or TimeoutError at `deadline` (a server dripping bytes cannot stall us)."""
    chunks, left = [], size
    while left:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        chunk = sock.recv(left)
        if not chunk:
            raise DnsProtocolError(f"the connection closed {left} bytes short")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class Exchange:
    """What came back, and over which transport ("udp", or "tcp" after TC=1)."""

    reply: DNSRecord
    transport: str


# --8<-- [start:exchange]
def exchange(query: DNSRecord, address: str, port: int, timeout: float) -> Exchange:
    """UDP first; if the reply has TC=1, the same question again over TCP."""
    reply = udp_exchange(query, address, port, timeout)
    if not reply.header.tc:
        return Exchange(reply, "udp")
    return Exchange(tcp_exchange(query, address, port, timeout), "tcp")


# --8<-- [end:exchange]
