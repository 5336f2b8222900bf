"""A worker process that hangs: two threads take the same two locks in opposite orders.

`thread_dump_demo.py` starts it as a separate process and diagnoses it from
outside, as you would a stuck production worker. Importing this module does
nothing; `main()` runs the worker.
"""

from __future__ import annotations

import faulthandler
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
_RUN_MAIN = "from examples.observability.debugging.stuck_worker import main; main()"


# --8<-- [start:ledger]
class Ledger:
    def __init__(self) -> None:
        self.balances_lock = threading.Lock()
        self.audit_lock = threading.Lock()
        # Makes both threads hold their first lock before either takes its
        # second, so the bad interleaving happens on every run, not 1 in 1,000.
        self.both_started = threading.Barrier(2, timeout=10)

    def transfer(self) -> None:
        with self.balances_lock:
            self.both_started.wait()
            with self.audit_lock:  # balances, then audit
                pass

    def audit_report(self) -> None:
        with self.audit_lock:
            self.both_started.wait()
            with self.balances_lock:  # audit, then balances: the opposite order
                pass


# --8<-- [end:ledger]


class OrderedLedger:
    """The fix: every code path takes the two locks in one order, balances first."""

    def __init__(self) -> None:
        self.balances_lock = threading.Lock()
        self.audit_lock = threading.Lock()

    def transfer(self) -> None:
        with self.balances_lock, self.audit_lock:
            pass

    def audit_report(self) -> None:
        with self.balances_lock, self.audit_lock:  # the same order as transfer()
            pass


def main() -> None:
    """Run the two threads; with the locks as above, this never returns."""
    # --8<-- [start:register]
    # At startup: `kill -USR1 <pid>` writes every thread's stack to stderr,
    # from a C signal handler that works even when Python code is stuck.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    # --8<-- [end:register]
    ledger = Ledger()
    threads = [
        threading.Thread(target=ledger.transfer, daemon=True),
        threading.Thread(target=ledger.audit_report, daemon=True),
    ]
    for thread in threads:
        thread.start()
    print("started", flush=True)
    for thread in threads:
        thread.join()


@contextmanager
def running_worker(stderr_file: Path) -> Iterator[subprocess.Popen[str]]:
    """Start main() in a new process whose stderr goes to `stderr_file`; kill it after."""
    with stderr_file.open("w") as stderr:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed code
            [sys.executable, "-c", _RUN_MAIN],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    assert worker.stdout is not None
    try:
        if worker.stdout.readline() != "started\n":
            raise RuntimeError("the worker did not start")
        yield worker
    finally:
        worker.kill()
        worker.wait(timeout=10)
        worker.stdout.close()
