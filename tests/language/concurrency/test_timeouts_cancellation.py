"""Timeouts raise TimeoutError, and cancellation always runs the cleanup."""

from __future__ import annotations

import asyncio

import pytest

from examples.language.concurrency import timeouts_cancellation
from examples.language.concurrency.timeouts_cancellation import (
    SHORT_TIMEOUT,
    cancel_running_query,
    query,
    time_out_query,
    wait_with_timeout,
    wait_with_wait_for,
)

GENEROUS = 5.0  # only reached if the code under test is broken


@pytest.mark.parametrize("waiter", [wait_with_timeout, wait_with_wait_for])
def test_an_event_that_never_comes_times_out(waiter) -> None:
    assert asyncio.run(waiter(asyncio.Event(), SHORT_TIMEOUT)) == "timed out"


@pytest.mark.parametrize("waiter", [wait_with_timeout, wait_with_wait_for])
def test_an_event_set_before_the_deadline_arrives(waiter) -> None:
    async def scenario() -> str:
        event = asyncio.Event()
        waiting = asyncio.create_task(waiter(event, GENEROUS))
        await asyncio.sleep(0)  # let the waiter start waiting
        event.set()
        return await waiting

    assert asyncio.run(scenario()) == "event arrived"


def test_asyncio_timeout_raises_the_builtin_timeout_error() -> None:
    async def scenario() -> None:
        async with asyncio.timeout(SHORT_TIMEOUT):
            await asyncio.Event().wait()

    with pytest.raises(TimeoutError):
        asyncio.run(scenario())
    assert asyncio.TimeoutError is TimeoutError


def test_wait_for_raises_timeout_error() -> None:
    with pytest.raises(TimeoutError):
        asyncio.run(asyncio.wait_for(asyncio.Event().wait(), SHORT_TIMEOUT))


def test_cancelling_a_query_runs_its_cleanup_and_the_task_ends_cancelled() -> None:
    assert asyncio.run(cancel_running_query()) == [
        "connection acquired",
        "query cancelled",
        "connection released",
        "task.cancelled() is True",
    ]


def test_cancelling_the_canceller_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel the coroutine that is waiting for the query it cancelled: it must end cancelled too.

    A bare `except CancelledError` around `await task` would catch this second
    cancellation as well and return as if nothing had happened.
    """

    async def scenario() -> tuple[bool, int]:
        outer: asyncio.Task[list[str]] | None = None
        release = timeouts_cancellation.Connection.release

        def release_then_cancel_the_caller(self: timeouts_cancellation.Connection) -> None:
            release(self)
            assert outer is not None
            outer.cancel()  # arrives while cancel_running_query is waiting for the query

        monkeypatch.setattr(timeouts_cancellation.Connection, "release", release_then_cancel_the_caller)
        outer = asyncio.create_task(cancel_running_query())
        with pytest.raises(asyncio.CancelledError):
            await outer
        return outer.cancelled(), len(asyncio.all_tasks())

    assert asyncio.run(scenario()) == (True, 1)


def test_a_timeout_cancels_the_query_and_runs_the_same_cleanup() -> None:
    assert asyncio.run(time_out_query(SHORT_TIMEOUT)) == [
        "connection acquired",
        "query cancelled",
        "connection released",
        "caller saw TimeoutError",
    ]


def test_a_query_that_gets_its_reply_releases_the_connection_without_cancelling() -> None:
    async def scenario() -> tuple[str, list[str]]:
        log: list[str] = []
        reply = asyncio.Event()
        reply.set()
        return await query(log, asyncio.Event(), reply), log

    assert asyncio.run(scenario()) == ("rows", ["connection acquired", "connection released"])


def test_swallowing_cancelled_error_defeats_both_kinds_of_timeout() -> None:
    """The page's warning: a handler that does not re-raise turns a timeout into nothing."""

    async def swallows(log: list[str]) -> str:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            log.append("swallowed")  # the bug: no `raise`
        return "kept going"

    async def in_timeout_block() -> tuple[str, list[str]]:
        log: list[str] = []
        async with asyncio.timeout(SHORT_TIMEOUT):
            outcome = await swallows(log)
        return outcome, log  # reached: the block raised no TimeoutError

    async def under_wait_for() -> tuple[str, list[str]]:
        log: list[str] = []
        return await asyncio.wait_for(swallows(log), SHORT_TIMEOUT), log

    assert asyncio.run(in_timeout_block()) == ("kept going", ["swallowed"])
    assert asyncio.run(under_wait_for()) == ("kept going", ["swallowed"])


def test_the_timeout_error_arrives_only_after_the_cleanup_has_finished() -> None:
    async def slow_cleanup(log: list[str]) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            for _ in range(3):
                await asyncio.sleep(0)  # cleanup that awaits, e.g. closing a connection
            log.append("cleanup done")

    async def scenario(use_block: bool) -> list[str]:
        log: list[str] = []
        try:
            if use_block:
                async with asyncio.timeout(SHORT_TIMEOUT):
                    await slow_cleanup(log)
            else:
                await asyncio.wait_for(slow_cleanup(log), SHORT_TIMEOUT)
        except TimeoutError:
            log.append("TimeoutError")
        return log

    assert asyncio.run(scenario(use_block=True)) == ["cleanup done", "TimeoutError"]
    assert asyncio.run(scenario(use_block=False)) == ["cleanup done", "TimeoutError"]
