"""The heap index and the naive scan answer every question the same way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.parking_lot.free_spots import FreeSpots, HeapFreeSpots, ScanFreeSpots
from examples.machine_coding.parking_lot.models import Spot, SpotSize

S, R, L = SpotSize.SMALL, SpotSize.REGULAR, SpotSize.LARGE
SPOTS = [Spot(1, 1, R), Spot(0, 3, L), Spot(0, 1, S), Spot(0, 2, R), Spot(1, 2, L)]
INDEXES = [HeapFreeSpots, ScanFreeSpots]


@pytest.mark.parametrize("index", INDEXES)
def test_peek_and_take_return_the_nearest_spot_of_a_size(index: type[FreeSpots]) -> None:
    free = index(SPOTS)
    assert free.peek(R) == Spot(0, 2, R)
    assert free.take(R) == Spot(0, 2, R)
    assert free.peek(R) == Spot(1, 1, R)
    assert [free.count(size) for size in SpotSize] == [1, 1, 2]


@pytest.mark.parametrize("index", INDEXES)
def test_a_given_back_spot_is_nearest_again(index: type[FreeSpots]) -> None:
    free = index(SPOTS)
    first = free.take(L)
    free.take(L)
    assert free.peek(L) is None
    free.give_back(first)
    assert free.peek(L) == first
    assert free.count(L) == 1


@pytest.mark.parametrize("index", INDEXES)
def test_taking_from_an_empty_size_is_a_caller_bug(index: type[FreeSpots]) -> None:
    free = index([Spot(0, 1, S)])
    assert free.peek(L) is None
    with pytest.raises(IndexError):
        free.take(L)
    assert free.count(S) == 1


operations = st.lists(st.tuples(st.booleans(), st.sampled_from(SpotSize)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(layout=st.lists(st.sampled_from(SpotSize), min_size=1, max_size=25), ops=operations)
def test_heap_and_scan_agree_with_a_sorted_list_model(layout: list[SpotSize], ops: list[tuple[bool, SpotSize]]) -> None:
    spots = [Spot(i // 5, i % 5 + 1, size) for i, size in enumerate(layout)]
    heap, scan = HeapFreeSpots(spots), ScanFreeSpots(spots)
    model = set(spots)  # free spots
    taken: list[Spot] = []
    for is_take, size in ops:
        if is_take:
            expected = min((s for s in model if s.size == size), default=None)
            assert heap.peek(size) == scan.peek(size) == expected
            if expected is not None:
                assert heap.take(size) == scan.take(size) == expected
                model.remove(expected)
                taken.append(expected)
        elif taken:
            spot = taken.pop(0)
            heap.give_back(spot)
            scan.give_back(spot)
            model.add(spot)
        for s in SpotSize:
            assert heap.count(s) == scan.count(s) == sum(1 for x in model if x.size == s)
