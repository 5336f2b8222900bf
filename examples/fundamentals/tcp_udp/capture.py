"""Run tcpdump on an interface of a namespace and read its lines as TCP segments.

tcpdump prints one line per packet; `parse_line` turns the TCP ones into
`Segment`s (who sent it, which flags, which sequence numbers, how many bytes),
and `relative` rewrites sequence numbers from each side's first SYN, the way
RFC 9293 talks about them: the SYN is byte 0, the first data byte is 1.
"""

from __future__ import annotations

import queue
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass

from examples.fundamentals.tcp_udp.netns import Namespace

FLAG_NAMES = {
    "S": "SYN",
    "F": "FIN",
    "R": "RST",
    "P": "PSH",
    ".": "ACK",
    "U": "URG",
    "E": "ECE",
    "W": "CWR",
}
FLAG_ORDER = ["SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"]
LINE = re.compile(
    r"^IP (?P<src>[\d.]+)\.(?P<sport>\d+) > (?P<dst>[\d.]+)\.(?P<dport>\d+): "
    r"Flags \[(?P<flags>[SFRP.UEW]+)\]"
    r"(?:, seq (?P<seq>\d+)(?::(?P<end>\d+))?)?"
    r"(?:, ack (?P<ack>\d+))?"
    r".*, length (?P<length>\d+)"
)


@dataclass(frozen=True)
class Segment:
    source: tuple[str, int]
    destination: tuple[str, int]
    flags: tuple[str, ...]  # in FLAG_ORDER, e.g. ("SYN", "ACK")
    seq: int | None  # tcpdump leaves it out of pure ACKs
    ack: int | None
    length: int


def parse_line(line: str) -> Segment | None:
    """One line of `tcpdump -n -t -S` as a Segment; None for a packet that is not TCP."""
    match = LINE.match(line.strip())
    if match is None:
        return None
    letters = match["flags"]
    if len(set(letters)) != len(letters):
        raise ValueError(f"a flag appears twice in {line!r}")
    names = {FLAG_NAMES[letter] for letter in letters}
    return Segment(
        source=(match["src"], int(match["sport"])),
        destination=(match["dst"], int(match["dport"])),
        flags=tuple(name for name in FLAG_ORDER if name in names),
        seq=int(match["seq"]) if match["seq"] else None,
        ack=int(match["ack"]) if match["ack"] else None,
        length=int(match["length"]),
    )


def relative(segments: list[Segment]) -> list[Segment]:
    """Sequence and ack numbers counted from each side's initial sequence number."""
    initial = {
        s.source: s.seq for s in segments if "SYN" in s.flags and s.seq is not None
    }
    modulo = 2**32  # sequence numbers wrap (RFC 9293, section 3.4)

    def shift(value: int | None, side: tuple[str, int]) -> int | None:
        if value is None or side not in initial:
            return value
        return (value - initial[side]) % modulo

    return [
        Segment(
            s.source,
            s.destination,
            s.flags,
            shift(s.seq, s.source),
            shift(s.ack, s.destination),
            s.length,
        )
        for s in segments
    ]


class Capture:
    """tcpdump running in a namespace; lines are collected by a reader thread."""

    def __init__(self, namespace: Namespace, device: str, capture_filter: str) -> None:
        self._process: subprocess.Popen[str] = namespace.popen(
            "tcpdump", "-i", device, "-n", "-t", "-S", "-l", capture_filter
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self.segments: list[Segment] = []
        assert self._process.stderr is not None
        # tcpdump says "listening on ..." once the capture is really running.
        for line in self._process.stderr:
            if line.startswith("listening on"):
                break
        else:
            raise RuntimeError(
                f"tcpdump did not start (exit code {self._process.wait()})"
            )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)

    def wait_for(
        self,
        count: int,
        matching: Callable[[Segment], bool] = lambda segment: True,
        timeout: float = 10.0,
    ) -> list[Segment]:
        """Block until `count` captured segments satisfy `matching`; return them."""
        while len(found := [s for s in self.segments if matching(s)]) < count:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError(
                    f"saw {len(found)} of {count} segments within {timeout} s"
                ) from None
            if (segment := parse_line(line)) is not None:
                self.segments.append(segment)
        return found

    def stop(self, quiet_for: float = 0.3) -> list[Segment]:
        """Take the lines still coming in until the capture has been quiet a moment, then end tcpdump."""
        while True:
            try:
                line = self._lines.get(timeout=quiet_for)
            except queue.Empty:
                break
            if (segment := parse_line(line)) is not None:
                self.segments.append(segment)
        self._process.terminate()
        self._process.wait(timeout=10)
        return self.segments

    def __enter__(self) -> Capture:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)


if __name__ == "__main__":
    line = (
        "IP 192.0.2.1.40000 > 192.0.2.2.7000: Flags [S.], seq 7, ack 9, win 8, length 0"
    )
    print(parse_line(line).flags)
    #> ('SYN', 'ACK')
    print(parse_line("ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28"))
    #> None
