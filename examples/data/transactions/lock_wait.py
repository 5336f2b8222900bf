"""Run one step of a session in a thread and prove that it waits on a lock.

The main thread keeps driving the story: it starts the blocking step, asks the
server (not a timer) until the step is reported waiting on a lock, then runs
the step that releases the lock and collects the blocked step's result.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# How often to ask the server whether the step waits. Polling a server-side
# fact is not a race: the answer decides, not how long we slept.
POLL_SECONDS = 0.01


class StepDidNotBlockError(AssertionError):
    """The step finished without ever waiting on a lock."""


# --8<-- [start:runner]
def run_blocked_step(
    step: Callable[[], T],
    is_waiting: Callable[[], bool],
    release: Callable[[], object],
    timeout: float = 10.0,
    poll_seconds: float = POLL_SECONDS,
) -> T:
    """Start `step`, wait until `is_waiting()`, call `release()`, return step's result.

    Raises StepDidNotBlockError if the step completes without blocking, and
    TimeoutError if it neither blocks nor completes within `timeout` seconds.
    An exception raised by the step itself is re-raised here. `poll_seconds`
    is how long to pause between questions to the server.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(step)
        deadline = time.monotonic() + timeout
        while not is_waiting():
            if future.done():
                future.result()  # re-raise the step's own error, if any
                raise StepDidNotBlockError("the step finished without waiting")
            if time.monotonic() > deadline:
                raise TimeoutError("the step neither blocked nor finished")
            time.sleep(poll_seconds)
        release()
        return future.result(timeout=timeout)
        # --8<-- [end:runner]


def run_step(
    step: Callable[[], T],
    *,
    blocks: bool,
    is_waiting: Callable[[], bool],
    release: Callable[[], object],
    poll_seconds: float = POLL_SECONDS,
) -> T:
    """Run `step`, then `release`; if `blocks`, prove that `step` waits for `release`.

    For a step that waits on a lock at some isolation levels only. When `blocks`
    is false and the step waits anyway, it fails on the server's lock timeout,
    so an expectation that is wrong either way fails the caller.
    """
    if blocks:
        return run_blocked_step(step, is_waiting, release, poll_seconds=poll_seconds)
    result = step()
    release()
    return result
