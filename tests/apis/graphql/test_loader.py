"""BatchLoader: one batch per tick, deduplicated keys, ordered results, errors delivered."""

from __future__ import annotations

import asyncio

import pytest

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
