"""Stream window counts against the batch count of the same events."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.streams.windows import (
    StreamingCounter,
    batch_counts,
    window_start,
)
from examples.system_design.streams.windows_demo import simulated_events

# (event time, delay) pairs; processed in arrival order, event time + delay.
arrivals = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 30)), max_size=60
).map(lambda pairs: sorted(pairs, key=lambda p: p[0] + p[1]))


def run(pairs: list[tuple[int, int]], size: int, max_delay: int) -> StreamingCounter:
    counter = StreamingCounter(size, max_delay=max_delay)
    for event_time, _ in pairs:
        counter.add(event_time)
    counter.flush()
    return counter


@given(arrivals, st.integers(1, 20))
def test_a_threshold_at_the_largest_delay_gives_the_batch_answer(pairs: list, size: int) -> None:
    largest_delay = max((delay for _, delay in pairs), default=0)
    counter = run(pairs, size, max_delay=largest_delay)
    assert counter.dropped == 0
    assert counter.emitted == batch_counts((t for t, _ in pairs), size)


@given(arrivals, st.integers(1, 20), st.integers(0, 30))
def test_every_event_is_counted_once_or_dropped(pairs: list, size: int, max_delay: int) -> None:
    counter = run(pairs, size, max_delay)
    batch = batch_counts((t for t, _ in pairs), size)
    assert sum(counter.emitted.values()) + counter.dropped == len(pairs)
    for start, count in counter.emitted.items():
        assert 0 < count <= batch[start]


def test_a_window_is_emitted_once_the_watermark_passes_its_end() -> None:
    counter = StreamingCounter(10, max_delay=2)
    assert counter.add(3) == []
    assert counter.add(11) == []  # watermark 9: window [0, 10) is still open
    assert counter.add(12) == [(0, 1)]  # watermark 10
    assert counter.add(9) == []  # late for a window already emitted: dropped
    assert counter.dropped == 1
    assert counter.flush() == [(10, 2)]
    assert counter.emitted == {0: 1, 10: 2}


def test_the_demo_events_arrive_in_order_and_some_late() -> None:
    events = simulated_events()
    assert [a for _, a in events] == sorted(a for _, a in events)
    assert max(a - t for t, a in events) > 2


@pytest.mark.parametrize(
    ("size", "max_delay", "message"),
    [
        (0, 0, "window size"),
        (-1, 0, "window size"),
        (1.5, 0, "window size"),
        (True, 0, "window size"),
        (5, -1, "delay threshold"),
        (5, 0.5, "delay threshold"),
        (5, None, "delay threshold"),
    ],
)
def test_bad_settings_are_refused(size: object, max_delay: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StreamingCounter(size, max_delay=max_delay)  # type: ignore[arg-type]


def test_batch_counts_checks_the_window_size_too() -> None:
    with pytest.raises(ValueError, match="window size"):
        batch_counts([1, 2], 0)


@pytest.mark.parametrize("event_time", [-1, 1.5, "3", None])
def test_bad_event_times_are_refused(event_time: object) -> None:
    counter = StreamingCounter(10, max_delay=0)
    with pytest.raises(ValueError, match="event time"):
        counter.add(event_time)  # type: ignore[arg-type]
    assert counter.emitted == {} and counter.dropped == 0


def test_window_start() -> None:
    assert [window_start(t, 10) for t in (0, 9, 10, 25)] == [0, 0, 10, 20]
