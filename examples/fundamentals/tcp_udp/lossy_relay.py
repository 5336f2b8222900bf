"""A UDP relay on loopback that loses and reorders datagrams, decided by a seed.

Real networks lose and reorder packets; loopback does neither, and this
machine's kernel lacks the netem qdisc that would fake it. So datagrams go
through this relay instead: real UDP sockets on both sides, and for each
datagram a seeded random draw says pass, drop, or hold (held datagrams go out
after the next one, which reorders them). The draw depends on the seed and the
datagram's bytes only, never on timing, so every run loses the same ones.
"""

from __future__ import annotations

import random
import socket
import threading
from dataclasses import dataclass, field
from typing import Literal

Address = tuple[str, int]
Fate = Literal["pass", "drop", "hold"]
POLL_S = 0.05


@dataclass(frozen=True)
class Faults:
    seed: int
    loss: float = 0.0  # probability a datagram is dropped
    reorder: float = 0.0  # probability it is held back behind the next one

    def __post_init__(self) -> None:
        if not (
            0 <= self.loss <= 1
            and 0 <= self.reorder <= 1
            and self.loss + self.reorder <= 1
        ):
            raise ValueError(
                "loss and reorder are probabilities that add up to at most 1"
            )


def fate(datagram: bytes, faults: Faults) -> Fate:
    """What happens to this datagram: the same answer for the same seed and bytes."""
    draw = random.Random(
        faults.seed.to_bytes(8, "big", signed=True) + datagram
    ).random()
    if draw < faults.loss:
        return "drop"
    if draw < faults.loss + faults.reorder:
        return "hold"
    return "pass"


@dataclass
class Relay:
    """Forwards datagrams between one client and `server`, with Faults applied."""

    server: Address
    faults: Faults
    dropped: int = 0
    held: int = 0
    _sock: socket.socket = field(init=False, repr=False)
    _client: Address | None = field(default=None, init=False, repr=False)
    _waiting: dict[Address, bytes] = field(default_factory=dict, init=False, repr=False)
    _flush: threading.Event = field(
        default_factory=threading.Event, init=False, repr=False
    )
    _stop: threading.Event = field(
        default_factory=threading.Event, init=False, repr=False
    )

    def __enter__(self) -> Relay:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.settimeout(POLL_S)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    @property
    def address(self) -> Address:
        return self._sock.getsockname()

    def flush(self) -> None:
        """Send what is held once everything already queued has been read."""
        self._flush.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                datagram, source = self._sock.recvfrom(65535)
            except TimeoutError:  # nothing queued: a requested flush is safe now
                if self._flush.is_set():
                    self._flush.clear()
                    for destination in list(self._waiting):
                        self._sock.sendto(self._waiting.pop(destination), destination)
                continue
            if source == self.server:
                destination = self._client
            else:
                self._client, destination = source, self.server
            if destination is not None:
                self._forward(datagram, destination)

    def _forward(self, datagram: bytes, destination: Address) -> None:
        decision = fate(datagram, self.faults)
        if decision == "drop":
            self.dropped += 1
            return
        earlier = self._waiting.pop(destination, None)
        if decision == "hold":
            self.held += 1
            self._waiting[destination] = datagram
        else:
            self._sock.sendto(datagram, destination)
        if earlier is not None:
            self._sock.sendto(earlier, destination)  # the held one goes out after


# --8<-- [start:fire]
def send_and_collect(count: int, faults: Faults) -> list[int]:
    """Send datagrams 0..count-1 through the relay; return what arrives, in order."""
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
    ):
        receiver.bind(("127.0.0.1", 0))
        with Relay(receiver.getsockname(), faults) as relay:
            for number in range(count):
                sender.sendto(str(number).encode(), relay.address)
            relay.flush()
            receiver.settimeout(0.5)  # quiet this long: nothing more is coming
            arrived = []
            try:
                while True:
                    arrived.append(int(receiver.recv(64)))
            except TimeoutError:
                return arrived


# --8<-- [end:fire]


# --8<-- [start:demo]
if __name__ == "__main__":
    arrived = send_and_collect(16, Faults(seed=7, loss=0.15, reorder=0.15))
    print("arrived:", arrived)
    #> arrived: [0, 1, 4, 3, 5, 6, 7, 9, 8, 11, 12, 14, 15]
    print("missing:", sorted(set(range(16)) - set(arrived)))
    #> missing: [2, 10, 13]
# --8<-- [end:demo]
