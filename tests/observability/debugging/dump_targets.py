"""Worker processes that make thread dumps hard to read, for test_stack_dump.py.

Each runs as `python -c "...; run(mode, dump_path)"` through
stuck_worker.running_worker, prints "started" and never returns.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

from examples.observability.debugging.stack_dump import DUMP_SIGNAL
from examples.observability.debugging.stuck_worker import Ledger, wait_until_asleep

PROGRAM = "import sys; from tests.observability.debugging.dump_targets import run; run(sys.argv[2], sys.argv[1])"

TWO_THREAD_DUMP = (
    "Thread 0x0000000000000001 (most recent call first):\n"
    '  File "/srv/a.py", line 1 in f\n'
    "\n"
    "Current thread 0x0000000000000002 (most recent call first):\n"
    '  File "/srv/b.py", line 2 in g\n'
)


def _zero(bits: str) -> None:
    _step(bits)


def _one(bits: str) -> None:
    _step(bits)


def _step(bits: str) -> None:
    if not bits:
        time.sleep(0.002)
        return
    (_one if bits[0] == "1" else _zero)(bits[1:])


def _busy() -> None:
    """A healthy thread: its stack spells a counter in binary, so no two dumps match."""
    count = 0
    while True:
        count += 1
        _step(format(count, "b"))


def _deep(depth: int, then: Callable[[], None]) -> None:
    if depth == 0:
        then()
    else:
        _deep(depth - 1, then)


def _deadlock(ledger: Ledger, *, deep: bool = False) -> list[threading.Thread]:
    first = (lambda: _deep(150, ledger.transfer)) if deep else ledger.transfer
    threads = [
        threading.Thread(target=first, daemon=True),
        threading.Thread(target=ledger.audit_report, daemon=True),
    ]
    for thread in threads:
        thread.start()
    return threads


def _write_in_two_parts(signum: int, frame: object) -> None:
    """A Python-level handler that writes a dump with a pause between its two threads."""
    cut = TWO_THREAD_DUMP.index("\nCurrent")
    with open(sys.argv[1], "a") as dump:
        dump.write(TWO_THREAD_DUMP[:cut])
        dump.flush()
        time.sleep(0.05)
        dump.write(TWO_THREAD_DUMP[cut:])


def run(mode: str, dump_path: str) -> None:
    dumps = open(dump_path, "a")  # noqa: SIM115 - open for the process's life
    if mode in ("busy", "deep", "logging"):
        faulthandler.register(DUMP_SIGNAL, file=dumps, all_threads=True)
        threads = _deadlock(Ledger(), deep=mode == "deep")
        # Both blocked: the deadlock has formed before the first dump.
        wait_until_asleep(os.getpid(), {t.native_id for t in threads if t.native_id})
        if mode == "busy":
            threads.append(threading.Thread(target=_busy, daemon=True))
            threads[-1].start()
    elif mode == "slow-writer":
        signal.signal(DUMP_SIGNAL, _write_in_two_parts)
    elif mode != "unregistered":
        raise ValueError(f"unknown mode {mode!r}")
    print("started", flush=True)
    while True:
        if mode == "logging":  # a service that logs to stderr all the time
            print("INFO heartbeat", file=sys.stderr, flush=True)
        time.sleep(0.01)
