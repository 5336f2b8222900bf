"""Snowflake IDs: Twitter's layout, waiting out a full millisecond, refusing a clock step back."""

from __future__ import annotations

import itertools
import threading
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.unique_ids.clock import SteppedClock
from examples.system_design.unique_ids.snowflake import (
    MAX_ELAPSED_MS,
    MAX_SEQUENCE,
    MAX_WORKER_ID,
    TWITTER_EPOCH_MS,
    ClockMovedBackwardsError,
    SnowflakeGenerator,
    SnowflakeParts,
    decode,
)

START = 1_700_000_000_000


def worker_on(clock: SteppedClock, worker_id: int = 1) -> SnowflakeGenerator:
    return SnowflakeGenerator(worker_id, clock=clock, sleep=clock.sleep)


def test_the_layout_is_time_worker_sequence() -> None:
    clock = SteppedClock(START)
    new_id = worker_on(clock, worker_id=5)
    ids = [new_id(), new_id()]
    elapsed = START - TWITTER_EPOCH_MS
    assert ids == [(elapsed << 22) | (5 << 12) | 0, (elapsed << 22) | (5 << 12) | 1]
    assert ids[0].bit_length() <= 63  # positive in a signed 64-bit column


@given(
    worker_id=st.integers(0, MAX_WORKER_ID),
    elapsed=st.integers(0, MAX_ELAPSED_MS),
    burst=st.integers(1, 50),
)
def test_decode_gives_back_time_worker_and_sequence(worker_id: int, elapsed: int, burst: int) -> None:
    clock = SteppedClock(TWITTER_EPOCH_MS + elapsed)
    new_id = worker_on(clock, worker_id)
    for sequence in range(burst):
        assert decode(new_id()) == SnowflakeParts(clock(), worker_id, sequence)


def test_a_custom_epoch_is_used_and_decoded() -> None:
    clock = SteppedClock(START)
    new_id = SnowflakeGenerator(9, epoch_ms=START - 1_000, clock=clock, sleep=clock.sleep)
    value = new_id()
    assert value >> 22 == 1_000
    assert decode(value, epoch_ms=START - 1_000) == SnowflakeParts(START, 9, 0)


def test_a_full_millisecond_waits_for_the_next() -> None:
    clock = SteppedClock(START)
    new_id = worker_on(clock)
    ids = [new_id() for _ in range(MAX_SEQUENCE + 2)]
    assert decode(ids[MAX_SEQUENCE]) == SnowflakeParts(START, 1, MAX_SEQUENCE)
    assert decode(ids[-1]) == SnowflakeParts(START + 1, 1, 0)
    assert new_id.waits == 1
    assert clock.slept_ms == 1
    assert all(a < b for a, b in pairwise(ids))


def test_the_wait_rereads_a_clock_that_moves_on_its_own() -> None:
    readings = itertools.chain([START] * (MAX_SEQUENCE + 1), [START, START, START + 1], itertools.repeat(START + 1))
    sleeps: list[float] = []
    new_id = SnowflakeGenerator(2, clock=lambda: next(readings), sleep=sleeps.append)
    ids = [new_id() for _ in range(MAX_SEQUENCE + 2)]
    assert decode(ids[-1]).timestamp_ms == START + 1
    assert len(sleeps) == 2  # the first reading after a sleep was still START


def test_a_clock_step_back_is_refused_and_nothing_is_lost() -> None:
    clock = SteppedClock(START)
    new_id = worker_on(clock)
    last = new_id()
    clock.set(START - 250)
    with pytest.raises(ClockMovedBackwardsError) as refused:
        new_id()
    assert refused.value.behind_ms == 250
    clock.set(START)  # back at the same millisecond: the sequence continues
    assert decode(new_id()) == SnowflakeParts(START, 1, 1)
    assert new_id() > last


def test_a_clock_step_back_during_the_wait_is_refused() -> None:
    readings = itertools.chain([START] * (MAX_SEQUENCE + 2), [START - 5])
    new_id = SnowflakeGenerator(2, clock=lambda: next(readings), sleep=lambda _: None)
    for _ in range(MAX_SEQUENCE + 1):  # sequences 0..4095 at START
        new_id()
    with pytest.raises(ClockMovedBackwardsError, match="5 ms"):
        new_id()


def test_a_refusal_mid_wait_does_not_reissue_the_full_millisecond() -> None:
    clock = SteppedClock(START)
    sleeps = 0

    def sleep(seconds: float) -> None:
        nonlocal sleeps
        sleeps += 1
        if sleeps == 1:
            clock.set(START - 5)  # NTP steps the clock back during the wait
        else:
            clock.sleep(seconds)

    new_id = SnowflakeGenerator(2, clock=clock, sleep=sleep)
    issued = {new_id() for _ in range(MAX_SEQUENCE + 1)}  # all of START's sequences
    with pytest.raises(ClockMovedBackwardsError):
        new_id()
    clock.set(START)  # back on the full millisecond: the worker must wait again
    retry = new_id()
    assert retry not in issued
    assert decode(retry) == SnowflakeParts(START + 1, 2, 0)


clock_moves = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 100)), min_size=1, max_size=30)


@given(moves=clock_moves, worker_id=st.integers(0, MAX_WORKER_ID))
def test_ids_from_one_worker_strictly_increase(moves: list[tuple[int, int]], worker_id: int) -> None:
    clock = SteppedClock(START)
    new_id = worker_on(clock, worker_id)
    ids = []
    for advance, burst in moves:
        clock.advance(advance)
        ids.extend(new_id() for _ in range(burst))
    assert all(a < b for a, b in pairwise(ids))
    assert all(decode(i).worker_id == worker_id for i in ids)


@given(
    workers=st.lists(st.integers(0, MAX_WORKER_ID), min_size=2, max_size=2, unique=True),
    moves=clock_moves,
    skew=st.integers(-5, 5),
)
def test_different_workers_never_collide(workers: list[int], moves: list[tuple[int, int]], skew: int) -> None:
    clock_a, clock_b = SteppedClock(START), SteppedClock(START + skew)
    a, b = worker_on(clock_a, workers[0]), worker_on(clock_b, workers[1])
    ids_a, ids_b = [], []
    for advance, burst in moves:
        clock_a.advance(advance)
        clock_b.advance(advance)
        ids_a.extend(a() for _ in range(burst))
        ids_b.extend(b() for _ in range(burst))
    assert not set(ids_a) & set(ids_b)


def test_two_nodes_with_one_worker_id_collide() -> None:
    clock_a, clock_b = SteppedClock(START), SteppedClock(START)
    a, b = worker_on(clock_a, 7), worker_on(clock_b, 7)
    assert [a() for _ in range(10)] == [b() for _ in range(10)]


def test_threads_sharing_a_worker_get_unique_increasing_ids() -> None:
    new_id = SnowflakeGenerator(3)  # the real clock and time.sleep
    results: list[list[int]] = [[] for _ in range(4)]
    start = threading.Barrier(4, timeout=10)

    def work(slot: int) -> None:
        start.wait()
        results[slot].extend(new_id() for _ in range(5_000))

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    everything = [value for ids in results for value in ids]
    assert len(set(everything)) == 20_000
    for ids in results:
        assert all(a < b for a, b in pairwise(ids))


@pytest.mark.parametrize("worker_id", [-1, MAX_WORKER_ID + 1])
def test_a_worker_id_out_of_range_is_refused(worker_id: int) -> None:
    with pytest.raises(ValueError, match=r"worker_id must be 0\.\.1023"):
        SnowflakeGenerator(worker_id)


@pytest.mark.parametrize("worker_id", [True, 1.0, "1", None])
def test_a_worker_id_must_be_an_int(worker_id: object) -> None:
    with pytest.raises(TypeError, match="worker_id must be an int"):
        SnowflakeGenerator(worker_id)  # type: ignore[arg-type]


def test_a_clock_before_the_epoch_or_past_41_bits_is_refused() -> None:
    with pytest.raises(ValueError, match="before the epoch"):
        SnowflakeGenerator(1, clock=lambda: TWITTER_EPOCH_MS - 1)()
    with pytest.raises(OverflowError, match="41 bits"):
        SnowflakeGenerator(1, clock=lambda: TWITTER_EPOCH_MS + MAX_ELAPSED_MS + 1)()
    with pytest.raises(TypeError, match="int milliseconds"):
        SnowflakeGenerator(1, clock=lambda: 1.5e12)()  # type: ignore[arg-type,return-value]
    with pytest.raises(ValueError, match="epoch_ms"):
        SnowflakeGenerator(1, epoch_ms=-1)


@pytest.mark.parametrize("value", [-1, 1 << 63])
def test_decode_refuses_what_is_not_a_63_bit_id(value: int) -> None:
    with pytest.raises(ValueError, match="snowflake_id"):
        decode(value)
    with pytest.raises(TypeError, match="snowflake_id"):
        decode(str(value))  # type: ignore[arg-type]
