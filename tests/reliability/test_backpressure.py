"""A bounded queue bounds what is held; an unbounded one holds the backlog."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.reliability.backpressure import pipeline


def test_an_unbounded_queue_holds_most_of_the_backlog() -> None:
    assert asyncio.run(pipeline(3000, maxsize=0)) > 1500


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2000), st.integers(1, 200))
def test_a_bounded_queue_never_holds_more_than_maxsize(
    items: int, maxsize: int
) -> None:
    assert asyncio.run(pipeline(items, maxsize=maxsize)) <= maxsize


def test_no_items_finishes_at_once() -> None:
    assert asyncio.run(pipeline(0, maxsize=10)) == 0


@pytest.mark.parametrize(("items", "maxsize"), [(-1, 10), (10, -1)])
def test_negative_arguments_are_refused(items: int, maxsize: int) -> None:
    with pytest.raises(ValueError):
        asyncio.run(pipeline(items, maxsize))
