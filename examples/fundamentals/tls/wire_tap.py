"""What a network observer sees of a TLS connection: a relay that reads records.

`record_tap(port)` listens on a loopback port of its own and forwards every
byte to `port` and back, unchanged, parsing the TLS record layer (RFC 8446,
section 5.1) as it goes. It cannot decrypt anything. It can read the
ClientHello and ServerHello, which travel in the clear, and it sees the outer
type of every other record, which TLS 1.3 always sets to application_data
(section 5.2), whatever handshake message or alert is inside.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 5.0
HEADER = struct.Struct("!BHH")  # content type, legacy version, length
MAX_RECORD = 2**14 + 256  # the largest TLSCiphertext a peer may send

CONTENT_TYPES = {20: "change_cipher_spec", 21: "alert", 22: "handshake"}
ENCRYPTED = 23  # application_data: the outer type of every protected record
HANDSHAKE_TYPES = {  # RFC 8446 section 4, plus the TLS 1.2 ones (RFC 5246 7.4)
    1: "ClientHello",
    2: "ServerHello",
    4: "NewSessionTicket",
    8: "EncryptedExtensions",
    11: "Certificate",
    12: "ServerKeyExchange",
    13: "CertificateRequest",
    14: "ServerHelloDone",
    15: "CertificateVerify",
    16: "ClientKeyExchange",
    20: "Finished",
}
# A ServerHello with this random is a HelloRetryRequest (RFC 8446 section 4.1.3).
HELLO_RETRY_RANDOM = bytes.fromhex(
    "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
)
VERSIONS = {0x0304: "TLS 1.3", 0x0303: "TLS 1.2"}
GROUPS = {0x001D: "x25519", 0x0017: "secp256r1", 0x0018: "secp384r1"}
SUITES = {
    0x1301: "TLS_AES_128_GCM_SHA256",
    0x1302: "TLS_AES_256_GCM_SHA384",
    0xC02B: "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",  # TLS 1.2
    0xC02C: "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",  # TLS 1.2
}


@dataclass(frozen=True)
class Record:
    sender: str  # "client" or "server"
    content_type: int
    body: bytes


@dataclass
class Tap:
    """The relay's port, and what it has seen so far (in order of arrival)."""

    port: int
    records: list[Record] = field(default_factory=list)
    raw: dict[str, bytearray] = field(
        default_factory=lambda: {"client": bytearray(), "server": bytearray()}
    )
    unparsable: bool = False  # set when bytes stop looking like TLS records
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> list[Record]:
        with self.lock:
            return list(self.records)


def split_records(stream: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """Complete (type, body) records at the front of `stream`, and the rest."""
    records, offset = [], 0
    while len(stream) - offset >= HEADER.size:
        content_type, _version, length = HEADER.unpack_from(stream, offset)
        if content_type not in (*CONTENT_TYPES, ENCRYPTED) or length > MAX_RECORD:
            raise ValueError(f"not a TLS record at byte {offset}")
        end = offset + HEADER.size + length
        if end > len(stream):
            break  # the rest of this record has not arrived yet
        records.append((content_type, stream[offset + HEADER.size : end]))
        offset = end
    return records, stream[offset:]


# --8<-- [start:hello]
def hello_summary(body: bytes) -> dict[str, object]:
    """The fields of a plaintext ClientHello/ServerHello an observer can read.

    The layout is RFC 8446 section 4.1.2/4.1.3: a 4-byte handshake header,
    version, random, session id, cipher suite(s), compression, extensions.
    """
    reader = _Reader(body)
    type_id = reader.take_int(1)
    kind = HANDSHAKE_TYPES.get(type_id, f"handshake message {type_id}")
    if kind not in ("ClientHello", "ServerHello"):
        return {"message": kind}  # a plaintext TLS 1.2 message: named, not parsed
    reader.take(3 + 2)  # message length, legacy_version
    if reader.take(32) == HELLO_RETRY_RANDOM:
        kind = "HelloRetryRequest"  # "send me a key share for this group"
    reader.take_vector(1)  # legacy_session_id
    summary: dict[str, object] = {"message": kind}
    if kind == "ClientHello":
        reader.take_vector(2)  # cipher_suites offered
        reader.take_vector(1)  # legacy_compression_methods
    else:
        summary["cipher_suite"] = SUITES.get(reader.take_int(2), "other")
        reader.take(1)  # legacy_compression_method
    extensions = _Reader(reader.take_vector(2))
    while not extensions.done():
        kind_id, data = extensions.take_int(2), _Reader(extensions.take_vector(2))
        if kind_id == 0 and kind == "ClientHello":  # server_name, RFC 6066 section 3
            names = _Reader(data.take_vector(2))
            names.take(1)  # name_type host_name
            summary["server_name"] = names.take_vector(2).decode("ascii")
        elif kind_id == 16:  # application_layer_protocol_negotiation, RFC 7301
            offered = _Reader(data.take_vector(2))
            protocols = []
            while not offered.done():
                protocols.append(offered.take_vector(1).decode("ascii"))
            summary["alpn"] = protocols
        elif kind_id == 43:  # supported_versions
            if kind == "ClientHello":
                versions = _Reader(data.take_vector(1))
                offered_versions = []
                while not versions.done():
                    offered_versions.append(VERSIONS.get(versions.take_int(2), "other"))
                summary["versions"] = offered_versions
            else:
                summary["versions"] = [VERSIONS.get(data.take_int(2), "other")]
        elif kind_id == 51 and kind == "HelloRetryRequest":  # the group it wants
            summary["key_share"] = ["asks for " + GROUPS.get(data.take_int(2), "other")]
        elif kind_id == 51:  # key_share: the Diffie-Hellman public values
            shares = _Reader(data.take_vector(2)) if kind == "ClientHello" else data
            groups = []
            while not shares.done():
                groups.append(GROUPS.get(shares.take_int(2), "other"))
                shares.take_vector(2)  # the public key itself
            summary["key_share"] = groups
        elif kind_id == 41:  # pre_shared_key: a ticket from an earlier connection
            summary["pre_shared_key"] = (
                "offered" if kind == "ClientHello" else "accepted"
            )
    return summary


# --8<-- [end:hello]


def describe(records: list[Record]) -> list[str]:
    """One line per plaintext record or handshake message, hello fields indented.

    Encrypted records in a row from one sender are counted, not listed: an
    observer cannot tell a Certificate from a Finished or from data. TLS 1.2
    packs several handshake messages into one record and, after a sender's
    change_cipher_spec, sends its Finished encrypted under the handshake type.
    """
    lines: list[str] = []
    run_sender, run_length = "", 0
    pending = {"client": b"", "server": b""}  # handshake bytes awaiting a whole message
    switched: set[str] = set()  # senders whose change_cipher_spec has passed
    tls13 = False  # TLS 1.3 never sends an encrypted record under the handshake type
    for record in [*records, Record("", -1, b"")]:  # a sentinel flushes the last run
        encrypted = record.content_type == ENCRYPTED or (
            record.content_type == 22 and record.sender in switched and not tls13
        )
        if encrypted and record.sender == run_sender:
            run_length += 1
            continue
        if run_length:
            lines.append(f"{run_sender}: {run_length} encrypted record(s)")
        run_sender, run_length = record.sender, 0
        if encrypted:
            run_length = 1
        elif record.content_type == 22:
            stream = pending[record.sender] + record.body
            while len(stream) >= 4 and len(stream) >= 4 + int.from_bytes(
                stream[1:4], "big"
            ):
                size = 4 + int.from_bytes(stream[1:4], "big")
                fields = hello_summary(stream[:size])
                stream = stream[size:]
                lines.append(f"{record.sender}: {fields.pop('message')}")
                tls13 = tls13 or fields.get("versions") == ["TLS 1.3"]
                for name, value in fields.items():
                    shown = ", ".join(value) if isinstance(value, list) else value
                    lines.append(f"    {name}: {shown}")
            pending[record.sender] = stream  # the rest arrives in the next record
        elif record.content_type in CONTENT_TYPES:
            lines.append(f"{record.sender}: {CONTENT_TYPES[record.content_type]}")
            if record.content_type == 20:
                switched.add(record.sender)
    return lines


@contextmanager
def record_tap(upstream_port: int) -> Iterator[Tap]:
    """Relay one connection from a port of our own to `upstream_port`."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT_SECONDS)
    tap = Tap(port=listener.getsockname()[1])
    relay = threading.Thread(target=_relay, args=(listener, upstream_port, tap))
    relay.start()
    try:
        yield tap
    finally:
        relay.join(TIMEOUT_SECONDS * 2)
        listener.close()


def _relay(listener: socket.socket, upstream_port: int, tap: Tap) -> None:
    try:
        client, _ = listener.accept()
    except TimeoutError:
        return  # nobody connected; the tap has nothing to show
    with (
        client,
        socket.create_connection(
            ("127.0.0.1", upstream_port), timeout=TIMEOUT_SECONDS
        ) as server,
    ):
        for end in (client, server):
            end.settimeout(TIMEOUT_SECONDS)
        pumps = [
            threading.Thread(target=_pump, args=(client, server, "client", tap)),
            threading.Thread(target=_pump, args=(server, client, "server", tap)),
        ]
        for pump in pumps:
            pump.start()
        for pump in pumps:
            pump.join()


def _pump(source: socket.socket, sink: socket.socket, sender: str, tap: Tap) -> None:
    """Copy bytes one way, recording each record before it is passed on.

    Recording before forwarding keeps the log in causal order: the other side
    cannot answer a record it has not been sent yet.
    """
    pending = b""
    while True:
        try:
            data = source.recv(65536)
        except OSError:
            data = b""
        if not data:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
            return
        records: list[tuple[int, bytes]] = []
        if not tap.unparsable:
            try:
                records, pending = split_records(pending + data)
            except ValueError:  # not TLS (or not any more): relay, stop parsing
                tap.unparsable = True
        with tap.lock:
            tap.raw[sender] += data
            tap.records.extend(Record(sender, kind, body) for kind, body in records)
        try:
            sink.sendall(data)
        except OSError:
            return


class _Reader:
    """Reads big-endian integers and length-prefixed vectors from bytes."""

    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def done(self) -> bool:
        return self.offset >= len(self.data)

    def take(self, count: int) -> bytes:
        if self.offset + count > len(self.data):
            raise ValueError("truncated handshake message")
        chunk = self.data[self.offset : self.offset + count]
        self.offset += count
        return chunk

    def take_int(self, size: int) -> int:
        return int.from_bytes(self.take(size), "big")

    def take_vector(self, length_size: int) -> bytes:
        return self.take(self.take_int(length_size))
