"""Start child processes, wait for the one result they send, and always clean up.

Waiting on a pipe alone hangs when the child that should write to it has
crashed. multiprocessing.connection.wait() also watches each child's
sentinel, which becomes ready when the child exits, so a crash is reported at
once with its exit code instead of after the timeout, and so is the end of the
last child that could still have sent a result.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

JOIN_TIMEOUT_S = 10


@contextmanager
def started(
    processes: Iterable[BaseProcess], stop: Iterable[BaseProcess] = ()
) -> Iterator[None]:
    """Start `processes`; on leaving, terminate those in `stop`, then join them all."""
    processes, stop = list(processes), list(stop)
    try:
        for process in processes:
            process.start()
        yield
    finally:
        for process in stop:
            if process.pid is not None:
                process.terminate()
        for process in processes:
            if process.pid is None:
                continue  # never started
            process.join(JOIN_TIMEOUT_S)
            if process.is_alive():
                process.kill()  # still running after the timeout: do not leak it
                process.join(JOIN_TIMEOUT_S)


def result_from(
    receive: Connection, processes: Iterable[BaseProcess], timeout_s: float
) -> object:
    """The next object sent on `receive`; an error if a child fails or time runs out."""
    deadline = time.monotonic() + timeout_s
    watching = {process.sentinel: process for process in processes}
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no result from the children within {timeout_s} s")
        ready = wait([receive, *watching], timeout=remaining)
        if receive in ready:
            return receive.recv()
        for sentinel in ready:
            process = watching.pop(sentinel)
            process.join(JOIN_TIMEOUT_S)
            if process.exitcode != 0:
                raise ChildProcessError(
                    f"{process.name} exited with code {process.exitcode} before a result"
                )
        if not watching and not receive.poll(0):  # nobody left who could still send
            raise ChildProcessError("every child exited without sending a result")
