"""Behaviour of gather and TaskGroup when calls succeed and when they fail."""

from __future__ import annotations

import asyncio

import pytest

from examples.language.concurrency.gather_taskgroup import (
    call_service,
    gather_fail_fast,
    gather_settled,
    task_group_fail_fast,
    task_group_results,
    wait_for_release,
)


def test_call_service_answers_or_raises() -> None:
    assert asyncio.run(call_service("search")) == "search: ok"
    with pytest.raises(ConnectionError, match="search is down"):
        asyncio.run(call_service("search", down=True))


def test_gather_with_return_exceptions_returns_the_exception_objects_in_input_order() -> None:
    results = asyncio.run(gather_settled(["a", "b", "c", "d"], down={"b", "d"}))
    assert results[0] == "a: ok"
    assert results[2] == "c: ok"
    assert isinstance(results[1], ConnectionError)
    assert str(results[1]) == "b is down"
    assert isinstance(results[3], ConnectionError)
    assert str(results[3]) == "d is down"


def test_gather_settled_with_no_failures_and_with_no_input() -> None:
    assert asyncio.run(gather_settled(["a", "b"], down=set())) == ["a: ok", "b: ok"]
    assert asyncio.run(gather_settled([], down=set())) == []


def test_plain_gather_raises_the_first_error_and_leaves_the_sibling_running() -> None:
    assert asyncio.run(gather_fail_fast()) == [
        "gather raised: billing is down",
        "profile still running: True",
        "profile finished anyway: profile: ok",
    ]


def test_task_group_cancels_the_sibling_before_raising() -> None:
    assert asyncio.run(task_group_fail_fast()) == [
        "profile was cancelled",
        "group raised: ConnectionError('billing is down')",
    ]


def test_task_group_collects_every_failure_in_one_exception_group() -> None:
    async def two_failures() -> None:
        async with asyncio.TaskGroup() as group:
            group.create_task(call_service("a", down=True))
            group.create_task(call_service("b", down=True))

    with pytest.raises(ExceptionGroup) as caught:
        asyncio.run(two_failures())
    assert sorted(str(exc) for exc in caught.value.exceptions) == ["a is down", "b is down"]


def test_task_group_results_when_nothing_fails() -> None:
    assert asyncio.run(task_group_results(["x", "y"])) == {"x": "x: ok", "y": "y: ok"}


def test_wait_for_release_answers_once_released_and_logs_nothing() -> None:
    async def scenario() -> tuple[str, list[str]]:
        log: list[str] = []
        release = asyncio.Event()
        task = asyncio.create_task(wait_for_release("p", release, log))
        await asyncio.sleep(0)
        release.set()
        return await task, log

    assert asyncio.run(scenario()) == ("p: ok", [])


def test_wait_for_release_reraises_cancellation() -> None:
    async def scenario() -> tuple[bool, list[str]]:
        log: list[str] = []
        task = asyncio.create_task(wait_for_release("p", asyncio.Event(), log))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task.cancelled(), log

    assert asyncio.run(scenario()) == (True, ["p was cancelled"])



def test_except_star_picks_out_one_type_and_lets_the_others_propagate() -> None:
    handled: list[str] = []

    async def bug() -> None:
        await asyncio.sleep(0)  # fails in the same loop pass as the ConnectionError
        raise KeyError("bug")

    async def mixed_failures() -> None:
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(call_service("a", down=True))
                group.create_task(bug())
        except* ConnectionError as errors:
            handled.extend(str(exc) for exc in errors.exceptions)

    with pytest.raises(ExceptionGroup) as caught:
        asyncio.run(mixed_failures())
    assert handled == ["a is down"]
    assert [type(exc) for exc in caught.value.exceptions] == [KeyError]
