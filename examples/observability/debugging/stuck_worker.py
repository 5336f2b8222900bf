"""A worker process that hangs: two threads take the same two locks in opposite orders.

`thread_dump_demo.py` starts it as a separate process and diagnoses it from
outside, as you would a stuck production worker. Importing this module does
nothing; `main()` runs the worker.
"""

from __future__ import annotations

import faulthandler
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from examples.observability.debugging.stack_dump import DUMP_SIGNAL

REPO_ROOT = Path(__file__).resolve().parents[3]
_RUN_MAIN = (
    "import sys; from examples.observability.debugging.stuck_worker import main;"
    " main(sys.argv[1])"
)


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


def main(dump_path: str) -> None:
    """Run the two threads; with the locks as above, this never returns."""
    # --8<-- [start:register]
    # At startup; under gunicorn, in the post_worker_init hook, which runs
    # after the worker has set its own signal handlers. `kill -USR2 <pid>`
    # then appends every thread's stack to the dump file, written by a C
    # signal handler that works even when every Python thread is stuck.
    dumps = open(dump_path, "a")  # noqa: SIM115 - stays open for the process's life
    faulthandler.register(DUMP_SIGNAL, file=dumps, all_threads=True)
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


def wait_until_asleep(
    pid: int, thread_ids: set[int] | None = None, timeout: float = 10.0
) -> None:
    """Return once the threads of `pid` (all, or the native `thread_ids`) are blocked.

    Linux: a thread's state in /proc/<pid>/task/<id>/stat is S while it
    sleeps, in a lock or anywhere else, and R while it runs or could.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tasks = Path(f"/proc/{pid}/task")
        ids = thread_ids or {int(task.name) for task in tasks.iterdir()}
        states = {
            (tasks / str(i) / "stat").read_text().rsplit(")", 1)[1].split()[0]
            for i in ids
        }
        if states == {"S"}:
            return
        time.sleep(0.005)
    raise TimeoutError(f"process {pid} kept running")


@contextmanager
def running_worker(
    dump_file: Path, program: str = _RUN_MAIN, *args: str
) -> Iterator[subprocess.Popen[str]]:
    """Start `program` (main() by default) in a new process that dumps to `dump_file`.

    Returns once the process has printed "started" and every thread of it
    has blocked, so the first dump already finds them where they will stay
    (a deadlock takes a few microseconds to form). Kills it afterwards.
    """
    dump_file.touch()
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", program, str(dump_file), *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    try:
        if worker.stdout.readline() != "started\n":
            raise RuntimeError("the worker did not start")
        if program == _RUN_MAIN:
            wait_until_asleep(worker.pid)
        yield worker
    finally:
        worker.kill()
        worker.wait(timeout=10)
        worker.stdout.close()
