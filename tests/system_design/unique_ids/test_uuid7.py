"""UUIDv7: bits per RFC 9562, time round trip, strict order through bursts, rollovers and clock steps."""

from __future__ import annotations

import random
import threading
import uuid
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.unique_ids.clock import SteppedClock, wall_clock_ms
from examples.system_design.unique_ids.uuid7 import (
    MAX_TIMESTAMP_MS,
    UUIDv7Generator,
    assemble,
    timestamp_ms,
)

START = 1_700_000_000_000


def seeded(clock: SteppedClock, seed: int = 0, counter_bits: int = 42) -> UUIDv7Generator:
    rng = random.Random(seed)  # noqa: S311 -- repeatable test data, not secrets
    return UUIDv7Generator(clock, randbits=rng.getrandbits, counter_bits=counter_bits)


@given(now=st.integers(0, MAX_TIMESTAMP_MS), seed=st.integers(0, 2**32))
def test_version_variant_and_timestamp_round_trip(now: int, seed: int) -> None:
    value = seeded(SteppedClock(now), seed)()
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert timestamp_ms(value) == now
    assert uuid.UUID(str(value)) == value  # survives text form


def test_rfc_9562_test_vector_decodes_to_its_timestamp() -> None:
    # Appendix A.6: 0x017F22E279B0 = 1645557742000 ms.
    vector = uuid.UUID("017F22E2-79B0-7CC3-98C4-DC0C0C07398F")
    assert timestamp_ms(vector) == 1_645_557_742_000


def test_packing_the_rfc_9562_vector_fields_rebuilds_the_vector() -> None:
    # Appendix A.6: unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0b01 then 0x8C4DC0C0C07398F.
    rand_b = (0b01 << 60) | 0x8C4DC0C0C07398F
    rebuilt = assemble(0x017F22E279B0, (0xCC3 << 62) | rand_b)
    assert str(rebuilt) == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f"


def counter_of(value: uuid.UUID, counter_bits: int) -> int:
    """The counter: the top `counter_bits` of the 74 bits in rand_a and rand_b."""
    rand_a = (value.int >> 64) & 0xFFF
    rand_b = value.int & ((1 << 62) - 1)
    return ((rand_a << 62) | rand_b) >> (74 - counter_bits)


@given(now=st.integers(0, MAX_TIMESTAMP_MS - 1), seed=st.integers(0, 2**32), counter_bits=st.integers(12, 42))
def test_the_counter_sits_right_after_the_timestamp(now: int, seed: int, counter_bits: int) -> None:
    # RFC 9562 6.2, Method 1: each new millisecond seeds the counter with its
    # top bit clear (the rollover guard), and each ID in it adds one.
    new_id = seeded(SteppedClock(now), seed, counter_bits)
    first, second = new_id(), new_id()
    assert counter_of(first, counter_bits) < 1 << (counter_bits - 1)
    assert timestamp_ms(second) == now
    assert counter_of(second, counter_bits) == counter_of(first, counter_bits) + 1


@pytest.mark.parametrize(("unix_ts_ms", "payload"), [(-1, 0), (MAX_TIMESTAMP_MS + 1, 0), (0, -1), (0, 1 << 74)])
def test_assemble_refuses_fields_that_do_not_fit(unix_ts_ms: int, payload: int) -> None:
    with pytest.raises(ValueError, match=r"2\*\*48-1"):
        assemble(unix_ts_ms, payload)


def test_a_failed_draw_leaves_the_generator_state_alone() -> None:
    clock = SteppedClock(START)
    draws = iter([5, 1, 1 << 32, 7])  # seed, tail, a bad tail, then a good tail
    new_id = UUIDv7Generator(clock, randbits=lambda bits: next(draws), counter_bits=42)
    first = new_id()
    with pytest.raises(ValueError, match="randbits"):
        new_id()
    second = new_id()  # the counter moved on once, not twice
    assert counter_of(first, 42) == 5
    assert counter_of(second, 42) == 6 and second > first


def test_the_real_clock_and_randomness_give_current_time() -> None:
    before = wall_clock_ms()
    value = UUIDv7Generator()()
    assert before <= timestamp_ms(value) <= wall_clock_ms()


def test_many_ids_in_one_millisecond_strictly_increase() -> None:
    clock = SteppedClock(START)
    new_id = seeded(clock)
    ids = [new_id() for _ in range(50_000)]
    assert all(a < b for a, b in pairwise(ids))
    assert {timestamp_ms(i) for i in ids} == {START}


def test_order_is_the_same_as_bytes_and_as_text() -> None:
    clock = SteppedClock(START)
    new_id = seeded(clock)
    ids = []
    for step in range(200):
        ids.append(new_id())
        clock.advance(step % 3)
    assert sorted(ids, key=lambda u: u.bytes) == ids  # how PostgreSQL compares uuid
    assert sorted(ids, key=str) == ids  # lowercase hex sorts like the bytes


def test_counter_rollover_runs_one_millisecond_ahead() -> None:
    clock = SteppedClock(START)
    # The largest seed (top counter bit clear, the rest set) leaves the fewest IDs.
    new_id = UUIDv7Generator(clock, randbits=lambda bits: (1 << bits) - 1, counter_bits=12)
    ids = [new_id() for _ in range(2050)]
    # seed 2047 .. 4095 is 2,049 IDs at START; the 2,050th borrows START + 1.
    assert [timestamp_ms(i) for i in ids[-2:]] == [START, START + 1]
    assert all(a < b for a, b in pairwise(ids))
    clock.advance(1)  # the clock reaches the borrowed millisecond: still after it
    assert new_id() > ids[-1]


def test_a_clock_step_back_reuses_the_last_timestamp() -> None:
    clock = SteppedClock(START)
    new_id = seeded(clock)
    before = new_id()
    clock.set(START - 60_000)
    after = [new_id() for _ in range(100)]
    assert all(before < a for a in after)
    assert {timestamp_ms(a) for a in after} == {START}
    clock.set(START + 1)
    assert timestamp_ms(new_id()) == START + 1


operations = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.integers(0, 5)),
        st.tuples(st.just("back"), st.integers(1, 5_000)),
        st.tuples(st.just("burst"), st.integers(1, 100)),
    ),
    max_size=40,
)


@given(ops=operations, seed=st.integers(0, 2**32), counter_bits=st.sampled_from([12, 13, 20, 42]))
def test_ids_strictly_increase_whatever_the_clock_does(
    ops: list[tuple[str, int]], seed: int, counter_bits: int
) -> None:
    clock = SteppedClock(START)
    new_id = seeded(clock, seed, counter_bits)
    ids = [new_id()]
    highest_reading = START
    for op, amount in ops:
        if op == "advance":
            clock.advance(amount)
        elif op == "back":
            clock.set(max(0, clock() - amount))
        else:
            for _ in range(amount):
                ids.append(new_id())
        highest_reading = max(highest_reading, clock())
        ids.append(new_id())
        # Never behind the latest time the clock has shown (the model: a max).
        assert timestamp_ms(ids[-1]) >= highest_reading
        if counter_bits == 42:  # 2**41 IDs per millisecond never run out here
            assert timestamp_ms(ids[-1]) == highest_reading
    assert all(a < b for a, b in pairwise(ids))


def test_threads_sharing_a_generator_get_unique_increasing_ids() -> None:
    new_id = UUIDv7Generator()
    results: list[list[uuid.UUID]] = [[] for _ in range(8)]
    start = threading.Barrier(8, timeout=10)

    def work(slot: int) -> None:
        start.wait()
        results[slot].extend(new_id() for _ in range(3_000))

    threads = [threading.Thread(target=work, args=(slot,)) for slot in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    everything = [value for ids in results for value in ids]
    assert len(everything) == len(set(everything)) == 24_000
    for ids in results:
        assert all(a < b for a, b in pairwise(ids))


@pytest.mark.parametrize("bits", [11, 43, 0, -1])
def test_counter_bits_outside_the_rfc_range_are_refused(bits: int) -> None:
    with pytest.raises(ValueError, match=r"12\.\.42"):
        UUIDv7Generator(counter_bits=bits)


@pytest.mark.parametrize("bits", [True, 12.0, "12"])
def test_counter_bits_must_be_an_int(bits: object) -> None:
    with pytest.raises(TypeError, match="counter_bits"):
        UUIDv7Generator(counter_bits=bits)  # type: ignore[arg-type]


@pytest.mark.parametrize("reading", [1.5, None, True])
def test_a_clock_returning_a_non_int_is_refused(reading: object) -> None:
    with pytest.raises(TypeError, match="int milliseconds"):
        UUIDv7Generator(clock=lambda: reading)()  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize("reading", [-1, MAX_TIMESTAMP_MS + 1])
def test_a_clock_outside_48_bits_is_refused(reading: int) -> None:
    with pytest.raises(ValueError, match="48 bits"):
        UUIDv7Generator(clock=lambda: reading)()


def test_randomness_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="randbits"):
        UUIDv7Generator(clock=lambda: START, randbits=lambda bits: 1 << bits)()


def test_the_last_millisecond_of_the_48_bit_range_refuses_to_roll_over() -> None:
    new_id = UUIDv7Generator(
        clock=lambda: MAX_TIMESTAMP_MS, randbits=lambda bits: (1 << bits) - 1, counter_bits=12
    )
    for _ in range(2049):
        new_id()
    with pytest.raises(OverflowError, match="exhausted"):
        new_id()


def test_timestamp_of_other_kinds_is_refused() -> None:
    with pytest.raises(ValueError, match="not a UUIDv7"):
        timestamp_ms(uuid.uuid4())
    with pytest.raises(TypeError, match=r"uuid\.UUID"):
        timestamp_ms("017f22e2-79b0-7cc3-98c4-dc0c0c07398f")  # type: ignore[arg-type]
