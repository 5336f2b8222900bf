"""Timeouts and cancellation in asyncio, and cleanup that survives both.

A timeout in asyncio is a cancellation with a deadline: the awaited task gets
CancelledError at its current `await`, runs its `finally` blocks, and the
caller sees TimeoutError.
"""

from __future__ import annotations

import asyncio

SHORT_TIMEOUT = 0.01  # seconds; the awaited event is never set, so any value times out


# --8<-- [start:timeout]
async def wait_with_timeout(event: asyncio.Event, seconds: float) -> str:
    """Wait for `event` at most `seconds`, using the asyncio.timeout block (3.11+)."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return "timed out"
    return "event arrived"


async def wait_with_wait_for(event: asyncio.Event, seconds: float) -> str:
    """The same deadline with wait_for, which wraps a single awaitable."""
    try:
        await asyncio.wait_for(event.wait(), timeout=seconds)
    except TimeoutError:  # asyncio.TimeoutError is this builtin since 3.11
        return "timed out"
    return "event arrived"


# --8<-- [end:timeout]


# --8<-- [start:cleanup]
class Connection:
    """A pretend pooled connection that must always go back to its pool."""

    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.log.append("connection acquired")

    def release(self) -> None:
        """Return the connection to the pool."""
        self.log.append("connection released")


async def query(log: list[str], started: asyncio.Event, reply: asyncio.Event) -> str:
    """Hold a connection while waiting for a reply; release it however we leave."""
    conn = Connection(log)
    try:
        started.set()
        await reply.wait()
        return "rows"
    except asyncio.CancelledError:
        log.append("query cancelled")
        raise  # re-raise, or the task looks finished and the caller never learns
    finally:
        conn.release()


# --8<-- [end:cleanup]


# --8<-- [start:cancel]
async def cancel_running_query() -> list[str]:
    """Start a query, cancel it mid-flight, and report what ran."""
    log: list[str] = []
    started, reply = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(query(log, started, reply))
    await started.wait()  # synchronize on an event, not a sleep: no race
    task.cancel()
    # wait() returns when the task is done and never raises its CancelledError,
    # so there is nothing to catch here, and a cancel aimed at us still gets through.
    await asyncio.wait([task])
    log.append(f"task.cancelled() is {task.cancelled()}")
    return log


async def time_out_query(seconds: float) -> list[str]:
    """A timeout cancels the inner task, so the same cleanup runs."""
    log: list[str] = []
    try:
        await asyncio.wait_for(query(log, asyncio.Event(), asyncio.Event()), seconds)
    except TimeoutError:
        log.append("caller saw TimeoutError")
    return log


# --8<-- [end:cancel]


async def main() -> None:
    """Show each behavior once."""
    # --8<-- [start:demo]
    never = asyncio.Event()
    print(await wait_with_timeout(never, SHORT_TIMEOUT))
    #> timed out
    print(await wait_with_wait_for(never, SHORT_TIMEOUT))
    #> timed out
    already = asyncio.Event()
    already.set()
    print(await wait_with_timeout(already, SHORT_TIMEOUT))
    #> event arrived
    for step in await cancel_running_query():
        print(step)
        #> connection acquired
        #> query cancelled
        #> connection released
        #> task.cancelled() is True
    for step in await time_out_query(SHORT_TIMEOUT):
        print(step)
        #> connection acquired
        #> query cancelled
        #> connection released
        #> caller saw TimeoutError
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
