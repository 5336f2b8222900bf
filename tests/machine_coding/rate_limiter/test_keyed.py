"""What every algorithm shares: input checks, the clock, eviction, thread safety."""

from __future__ import annotations

import math
import sys
import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.rate_limiter.factory import Algorithm, LimiterConfig, create_limiter
from examples.machine_coding.rate_limiter.keyed import MAX_CLOCK, MIN_SWEEP_INTERVAL, KeyedLimiter
from examples.machine_coding.rate_limiter.validation import MAX_WINDOW
from tests.machine_coding.rate_limiter.arrivals import arrival_times, build, limits, windows

ALGORITHMS = list(Algorithm)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize(
    ("key", "cost", "error", "message"),
    [
        (None, 1, TypeError, "key must be a str"),
        (42, 1, TypeError, "key must be a str"),
        ("", 1, ValueError, "1 to 256 characters"),
        ("x" * 257, 1, ValueError, "1 to 256 characters"),
        ("k", 0, ValueError, "between 1 and the limit"),
        ("k", -1, ValueError, "between 1 and the limit"),
        ("k", 6, ValueError, r"limit \(5\)"),
        ("k", 1.0, TypeError, "cost must be an int"),
        ("k", True, TypeError, "cost must be an int"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    algorithm: Algorithm, key: object, cost: object, error: type[Exception], message: str
) -> None:
    limiter, _ = build(algorithm, 5, 10)
    first = limiter.allow("k", 2)
    with pytest.raises(error, match=message):
        limiter.allow(key, cost)  # type: ignore[arg-type]
    after = limiter.allow("k", 3)
    assert after.allowed  # the bad call spent nothing: 2 + 3 = 5 still fits
    assert first.remaining == 3


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_starts_each_key_with_a_full_quota(algorithm: Algorithm) -> None:
    limiter, _ = build(algorithm, 3, 60)
    outcomes = Counter((key, limiter.allow(key).allowed) for key in ["a", "b"] * 4)
    assert outcomes == {("a", True): 3, ("a", False): 1, ("b", True): 3, ("b", False): 1}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_clock_that_steps_back_cannot_refund_quota(algorithm: Algorithm) -> None:
    readings = iter([100.0, 100.0, 40.0])  # a wall clock corrected by 60 s
    limiter = create_limiter(LimiterConfig(algorithm, 2, 10), clock=lambda: next(readings))
    assert limiter.allow("k").allowed
    assert limiter.allow("k").allowed
    refused = limiter.allow("k")
    assert not refused.allowed  # judged at t=100, not t=40
    assert refused.retry_after <= 2 * 10  # the sliding counter may need two windows


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_clock_that_returns_nan_is_an_error(algorithm: Algorithm) -> None:
    limiter = create_limiter(LimiterConfig(algorithm, 2, 10), clock=lambda: math.nan)
    with pytest.raises(ValueError, match="finite seconds"):
        limiter.allow("k")


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_evict_idle_drops_only_keys_whose_quota_is_full_again(algorithm: Algorithm) -> None:
    limiter, clock = build(algorithm, 2, 10)
    assert isinstance(limiter, KeyedLimiter)
    limiter.allow("old")
    clock.advance(25)  # the sliding counter remembers a request for up to two windows
    limiter.allow("new")
    assert limiter.tracked_keys == 2
    assert limiter.evict_idle() == 1
    assert limiter.tracked_keys == 1
    clock.advance(25)
    assert limiter.evict_idle() == 1
    assert limiter.tracked_keys == 0


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_automatic_sweeps_keep_the_table_bounded(algorithm: Algorithm) -> None:
    limiter, clock = build(algorithm, 1, 1)
    assert isinstance(limiter, KeyedLimiter)
    for i in range(20 * MIN_SWEEP_INTERVAL):  # every key is seen once, then idle
        limiter.allow(f"visitor-{i}")
        clock.advance(0.1)
    assert limiter.tracked_keys <= 2 * MIN_SWEEP_INTERVAL


@settings(max_examples=60, deadline=None)
@given(
    algorithm=st.sampled_from(ALGORITHMS),
    times=arrival_times,
    limit=limits,
    window=windows,
    evict_at=st.sets(st.integers(min_value=0, max_value=80)),
)
def test_eviction_never_changes_a_decision(
    algorithm: Algorithm, times: list[float], limit: int, window: float, evict_at: set[int]
) -> None:
    plain, plain_clock = build(algorithm, limit, window)
    evicting, evicting_clock = build(algorithm, limit, window)
    for i, at in enumerate(times):
        plain_clock.set(at)
        evicting_clock.set(at)
        if i in evict_at:
            evicting.evict_idle()  # type: ignore[attr-defined]
        assert evicting.allow("k") == plain.allow("k")


@pytest.fixture
def eager_thread_switching() -> Iterator[None]:
    """Switch threads every microsecond so a missing lock shows up as a wrong count."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


@pytest.mark.usefixtures("eager_thread_switching")
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_many_threads_on_one_key_at_one_instant_get_exactly_the_limit(algorithm: Algorithm) -> None:
    limiter, _ = build(algorithm, 100, 60)  # the clock never moves: no refill
    threads, calls = 8, 2_000
    start = threading.Barrier(threads)
    admitted = [0] * threads

    def hammer(slot: int) -> None:
        start.wait()
        admitted[slot] = sum(limiter.allow("hot-key").allowed for _ in range(calls))

    workers = [threading.Thread(target=hammer, args=(slot,)) for slot in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(admitted) == 100  # not 101 (a race), not 99 (a lost update)


@pytest.mark.usefixtures("eager_thread_switching")
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_threads_on_many_keys_with_sweeps_running_lose_nothing(algorithm: Algorithm) -> None:
    limiter, _ = build(algorithm, 10, 60)
    threads, calls, keys = 8, 2_000, 50
    start = threading.Barrier(threads)
    admitted: list[Counter[str]] = [Counter() for _ in range(threads)]

    def hammer(slot: int) -> None:
        start.wait()
        for i in range(calls):
            key = f"key-{(i + slot) % keys}"
            admitted[slot][key] += limiter.allow(key).allowed

    workers = [threading.Thread(target=hammer, args=(slot,)) for slot in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(admitted, Counter()) == {f"key-{k}": 10 for k in range(keys)}


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("reading", [1e19, -1e19, 1.7e308, -1.7e308])
def test_a_clock_reading_out_of_range_is_an_error_that_spends_nothing(algorithm: Algorithm, reading: float) -> None:
    readings = iter([0.0, reading, 0.0])
    limiter = create_limiter(LimiterConfig(algorithm, 2, 10), clock=lambda: next(readings))
    assert limiter.allow("k").allowed
    with pytest.raises(ValueError, match=r"finite seconds between -1e\+18 and 1e\+18"):
        limiter.allow("k")
    assert limiter.allow("k").remaining == 0  # the bad reading spent nothing: 2 - 1 - 1


@pytest.mark.parametrize("algorithm", ALGORITHMS)
# The latest start leaves room for the wait itself: the clock then still reads in range.
@pytest.mark.parametrize("start", [0.0, MAX_CLOCK - 3 * MAX_WINDOW, -MAX_CLOCK, 1e15 + 0.125])
def test_the_longest_window_near_the_edge_of_the_clock_range_keeps_the_contract(
    algorithm: Algorithm, start: float
) -> None:
    """Every wait must fit a float: a 1e308 s window once overflowed after spending quota."""
    limiter, clock = build(algorithm, 3, MAX_WINDOW, start)
    assert limiter.allow("k", 3).allowed
    refused = limiter.allow("k")
    assert not refused.allowed and refused.remaining == 0
    assert 0 < refused.retry_after <= 2 * MAX_WINDOW + 256  # two windows, plus the clock's float step
    assert math.isfinite(refused.reset_after)
    clock.set(clock() + refused.retry_after)
    assert limiter.allow("k").allowed
