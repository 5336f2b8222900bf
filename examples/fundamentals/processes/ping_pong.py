"""A one-byte ping-pong over two pipes: every round trip needs two context switches.

The pinger writes a byte and blocks reading the reply; the echo side blocks
reading, then writes the byte back. Put both on one CPU and the kernel must
switch from one to the other and back for every round trip. Run them as two
processes or as two threads of one process; the benchmark times both.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from examples.fundamentals.processes.children import result_from, started
from examples.fundamentals.processes.cpu_work import pin_to
from examples.fundamentals.processes.proc_stats import Switches, switches

TIMEOUT_S = 60
KINDS = ("processes", "threads")


@dataclass(frozen=True)
class Trips:
    rounds: int
    seconds: float
    pinger: Switches  # the switches the pinging thread made meanwhile


# --8<-- [start:ends]
def echo(inbox: int, outbox: int, rounds: int) -> None:
    """Send every byte straight back; stop early if the pinger goes away."""
    for _ in range(rounds):
        data = os.read(inbox, 1)  # blocks: a voluntary switch if nothing is there
        if not data:
            return
        os.write(outbox, data)


def ping(outbox: int, inbox: int, rounds: int) -> Trips:
    """Send `rounds` bytes one at a time, checking each reply."""
    me = threading.get_native_id()
    before = switches(tid=me)
    start = time.perf_counter()
    for index in range(rounds):
        sent = bytes([index % 256])
        os.write(outbox, sent)
        if os.read(inbox, 1) != sent:
            raise RuntimeError(f"round {index}: the reply was not the byte sent")
    seconds = time.perf_counter() - start
    return Trips(rounds, seconds, switches(tid=me) - before)


# --8<-- [end:ends]


def same_thread_round_trips(rounds: int) -> float:
    """Seconds for `rounds` write-then-read pairs on one pipe: the system calls
    of a round trip with no switch at all, the baseline the benchmark subtracts."""
    if rounds < 1:
        raise ValueError(f"rounds must be >= 1, got {rounds}")
    read_end, write_end = os.pipe()
    try:
        start = time.perf_counter()
        for index in range(rounds):
            sent = bytes([index % 256])
            os.write(write_end, sent)
            os.write(write_end, sent)  # two writes and two reads, as in a round trip
            if os.read(read_end, 1) != sent or os.read(read_end, 1) != sent:
                raise RuntimeError(f"round {index}: read back a different byte")
        return time.perf_counter() - start
    finally:
        os.close(read_end)
        os.close(write_end)


def _echo_on(cpu: int | None, inbox: int, outbox: int, rounds: int) -> None:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})  # on Linux, 0 means the calling thread
    echo(inbox, outbox, rounds)


def _threads_host(rounds: int, cpus: tuple[int, int] | None, out: Connection) -> None:
    """In a child process: the echo in a second thread, the pinger in this one."""
    (to_r, to_w), (from_r, from_w) = os.pipe(), os.pipe()
    helper = threading.Thread(
        target=_echo_on, args=(None if cpus is None else cpus[1], to_r, from_w, rounds)
    )
    helper.start()
    if cpus is not None:
        os.sched_setaffinity(0, {cpus[0]})
    out.send(ping(to_w, from_r, rounds))
    helper.join(TIMEOUT_S)


def _process_end(
    role: str, fds: dict[str, int], rounds: int, cpu: int | None, out: Connection
) -> None:
    """In a child process: keep only this end's pipe ends, pin, and play the role."""
    keep = {"ping": ("to_echo_w", "from_echo_r"), "echo": ("to_echo_r", "from_echo_w")}
    for name, fd in fds.items():
        if name not in keep[role]:
            os.close(fd)  # so the other side sees EOF if this one dies
    if cpu is not None:
        pin_to(cpu)
    if role == "echo":
        echo(fds["to_echo_r"], fds["from_echo_w"], rounds)
    else:
        out.send(ping(fds["to_echo_w"], fds["from_echo_r"], rounds))


def round_trips(kind: str, rounds: int, cpus: tuple[int, int] | None = None) -> Trips:
    """Run the ping-pong as two `kind` ("processes" or "threads") in child processes.

    `cpus` pins the pinger and the echo side; (c, c) puts both on one CPU.
    The caller's own CPU affinity is left alone.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if rounds < 1:
        raise ValueError(f"rounds must be >= 1, got {rounds}")
    allowed = os.sched_getaffinity(0)
    if cpus is not None and not set(cpus) <= allowed:
        raise ValueError(f"cpus {cpus} are not all in this process's set {allowed}")
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    fds: dict[str, int] = {}
    if kind == "threads":
        children = [context.Process(target=_threads_host, args=(rounds, cpus, send))]
    else:
        (to_r, to_w), (from_r, from_w) = os.pipe(), os.pipe()
        fds = {"to_echo_r": to_r, "to_echo_w": to_w}
        fds |= {"from_echo_r": from_r, "from_echo_w": from_w}
        children = [
            context.Process(
                target=_process_end,
                args=(role, fds, rounds, None if cpus is None else cpus[i], send),
            )
            for i, role in enumerate(("ping", "echo"))
        ]
    try:
        with receive, send, started(children):
            for fd in fds.values():
                os.close(fd)  # the children hold their own copies
            fds = {}
            return result_from(receive, children, TIMEOUT_S)
    finally:
        for fd in fds.values():  # only if a child failed to start
            os.close(fd)


# --8<-- [start:demo]
if __name__ == "__main__":
    cpu = min(os.sched_getaffinity(0))
    for kind in KINDS:
        trips = round_trips(kind, 2_000, cpus=(cpu, cpu))
        switched = trips.pinger.voluntary + trips.pinger.involuntary
        print(
            f"{kind} on one CPU: pinger switched out every round trip:",
            switched >= trips.rounds,
        )
        #> processes on one CPU: pinger switched out every round trip: True
        #> threads on one CPU: pinger switched out every round trip: True
# --8<-- [end:demo]
