"""BatchLoader: one batch per tick, deduplicated keys, ordered results, errors and cancellation."""

from __future__ import annotations

import asyncio

import pytest
from graphql import GraphQLField, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql

from examples.apis.graphql.loader import BatchLoader


def squares(keys: list[int]) -> list[int]:
    return [key * key for key in keys]


def test_loads_in_one_tick_become_one_batch_in_order() -> None:
    async def scenario() -> tuple[list[int], list[list[int]]]:
        loader = BatchLoader(squares)
        values = await asyncio.gather(*(loader.load(key) for key in [3, 1, 2]))
        return values, loader.batches

    values, batches = asyncio.run(scenario())
    assert values == [9, 1, 4]
    assert batches == [[3, 1, 2]]


def test_repeated_keys_are_fetched_once_and_cached() -> None:
    async def scenario() -> tuple[list[int], list[list[int]]]:
        loader = BatchLoader(squares)
        first = await asyncio.gather(loader.load(2), loader.load(2), loader.load(5))
        again = await loader.load(2)
        return [*first, again], loader.batches

    values, batches = asyncio.run(scenario())
    assert values == [4, 4, 25, 4]
    assert batches == [[2, 5]]


def test_loads_in_later_ticks_make_new_batches() -> None:
    async def scenario() -> list[list[int]]:
        loader = BatchLoader(squares)
        await loader.load(1)
        await asyncio.gather(loader.load(2), loader.load(3))
        return loader.batches

    assert asyncio.run(scenario()) == [[1], [2, 3]]


def test_max_batch_size_splits_batches() -> None:
    async def scenario() -> tuple[list[int], list[list[int]]]:
        loader = BatchLoader(squares, max_batch_size=2)
        values = await asyncio.gather(*(loader.load(key) for key in range(5)))
        return values, loader.batches

    values, batches = asyncio.run(scenario())
    assert values == [0, 1, 4, 9, 16]
    assert batches == [[0, 1], [2, 3], [4]]


def test_a_failing_batch_fails_every_waiting_load_and_can_be_retried() -> None:
    calls = []

    def flaky(keys: list[int]) -> list[int]:
        calls.append(keys)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        return squares(keys)

    async def scenario() -> tuple[list[object], int]:
        loader = BatchLoader(flaky)
        outcomes = await asyncio.gather(loader.load(1), loader.load(2), return_exceptions=True)
        retried = await loader.load(1)
        return outcomes, retried

    outcomes, retried = asyncio.run(scenario())
    assert all(isinstance(outcome, ConnectionError) for outcome in outcomes)
    assert retried == 1
    assert calls == [[1, 2], [1]]


def test_a_batch_function_returning_the_wrong_count_is_an_error() -> None:
    async def scenario() -> None:
        loader = BatchLoader(lambda keys: keys[:-1])
        await asyncio.gather(loader.load(1), loader.load(2))

    with pytest.raises(ValueError, match="returned 1 values for 2 keys"):
        asyncio.run(scenario())


def test_max_batch_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        BatchLoader(squares, max_batch_size=0)


def test_load_outside_an_event_loop_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        BatchLoader(squares).load(1)


async def _collect(awaitable: object) -> object:
    """The value or the exception an awaitable ends with, bounded so a hang fails."""
    try:
        return await asyncio.wait_for(awaitable, timeout=5)  # type: ignore[arg-type]
    except (Exception, asyncio.CancelledError) as error:
        return type(error)


def test_a_cancelled_waiter_leaves_the_other_waiters_their_values() -> None:
    async def scenario() -> list[object]:
        loader = BatchLoader(squares)

        async def resolver(key: int) -> int:
            return await loader.load(key)

        tasks = [asyncio.create_task(resolver(key)) for key in (1, 2, 1)]
        await asyncio.sleep(0)  # every task is now waiting on the loader
        tasks[0].cancel()  # say, a sibling field failed and graphql-core cancels this one
        return [await _collect(task) for task in tasks]

    # Before the fix, cancelling one waiter cancelled the future it shared with
    # the third, and the batch then stopped at it, so key 2 never got a value.
    assert asyncio.run(scenario()) == [asyncio.CancelledError, 4, 1]


async def async_squares(keys: list[int]) -> list[int]:
    await asyncio.sleep(0)  # stands for a round trip to the database
    return [key * key for key in keys]


def test_an_async_batch_function_is_awaited_once_per_batch() -> None:
    async def scenario() -> tuple[list[int], list[list[int]]]:
        loader = BatchLoader(async_squares, max_batch_size=2)
        values = await asyncio.gather(*(loader.load(key) for key in [3, 1, 2, 3]))
        return values, loader.batches

    assert asyncio.run(scenario()) == ([9, 1, 4, 9], [[3, 1], [2]])


def test_cancelling_a_waiter_during_an_async_batch_spares_the_others() -> None:
    async def scenario() -> list[object]:
        released = asyncio.Event()

        async def slow_squares(keys: list[int]) -> list[int]:
            await released.wait()
            return squares(keys)

        loader = BatchLoader(slow_squares)

        async def resolver(key: int) -> int:
            return await loader.load(key)

        tasks = [asyncio.create_task(resolver(key)) for key in (1, 1, 2)]
        await asyncio.sleep(0.01)  # the batch is now in flight
        tasks[0].cancel()
        await asyncio.sleep(0)
        released.set()
        return [await _collect(task) for task in tasks]

    assert asyncio.run(scenario()) == [asyncio.CancelledError, 1, 4]


@pytest.mark.parametrize("count_off_by", [-1, 1])
def test_an_async_batch_returning_the_wrong_count_fails_every_key(count_off_by: int) -> None:
    async def wrong_count(keys: list[int]) -> list[int]:
        return [0] * (len(keys) + count_off_by)

    async def scenario() -> list[object]:
        loader = BatchLoader(wrong_count)
        return list(await asyncio.gather(loader.load(1), loader.load(2), return_exceptions=True))

    outcomes = asyncio.run(scenario())
    assert [type(outcome) for outcome in outcomes] == [ValueError, ValueError]
    assert "values for 2 keys" in str(outcomes[0])


def test_a_failing_async_batch_fails_its_keys_and_a_later_load_retries() -> None:
    calls: list[list[int]] = []

    async def flaky(keys: list[int]) -> list[int]:
        calls.append(keys)
        await asyncio.sleep(0)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        return squares(keys)

    async def scenario() -> tuple[list[object], int]:
        loader = BatchLoader(flaky)
        outcomes = await asyncio.gather(loader.load(1), loader.load(2), return_exceptions=True)
        return [type(outcome) for outcome in outcomes], await loader.load(2)

    assert asyncio.run(scenario()) == ([ConnectionError, ConnectionError], 4)
    assert calls == [[1, 2], [2]]


def test_a_cancelled_async_batch_cancels_its_waiters_instead_of_stranding_them() -> None:
    async def scenario() -> list[object]:
        async def never(keys: list[int]) -> list[int]:
            await asyncio.Event().wait()
            return keys

        loader = BatchLoader(never)
        waiters = [asyncio.ensure_future(loader.load(key)) for key in (1, 2)]
        await asyncio.sleep(0.01)
        for task in list(loader._running):  # what the loop does to leftover tasks at shutdown
            task.cancel()
        return [await _collect(waiter) for waiter in waiters]

    assert asyncio.run(scenario()) == [asyncio.CancelledError, asyncio.CancelledError]


def test_inside_graphql_core_a_failing_field_does_not_cancel_another_fields_load() -> None:
    """graphql-core cancels the running siblings of a non-null field that fails.

    `broken.value` is such a sibling; `healthy.value` waits on the same key and
    must still get it.
    """
    async def slow_names(keys: list[int]) -> list[str]:
        await asyncio.sleep(0.01)
        return [f"name {key}" for key in keys]

    async def fail(*_: object) -> str:
        await asyncio.sleep(0)
        raise ValueError("this field failed")

    def value(_root: object, info: object) -> asyncio.Future[str]:
        return info.context.load(1)  # type: ignore[attr-defined]

    broken = GraphQLObjectType(
        "Broken",
        {
            "fails": GraphQLField(GraphQLNonNull(GraphQLString), resolve=fail),
            "value": GraphQLField(GraphQLString, resolve=value),
        },
    )
    healthy = GraphQLObjectType("Healthy", {"value": GraphQLField(GraphQLString, resolve=value)})
    query = GraphQLObjectType(
        "Query",
        {
            "broken": GraphQLField(broken, resolve=lambda *_: {}),
            "healthy": GraphQLField(healthy, resolve=lambda *_: {}),
        },
    )

    async def scenario() -> object:
        return await graphql(
            GraphQLSchema(query), "{ broken { fails value } healthy { value } }", context_value=BatchLoader(slow_names)
        )

    result = asyncio.run(scenario())
    assert result.data == {"broken": None, "healthy": {"value": "name 1"}}
    assert [error.message for error in result.errors] == ["this field failed"]
