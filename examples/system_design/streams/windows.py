"""Counting events per tumbling window of event time, as a batch job and as a stream.

The batch job waits until all the data is in and counts it once: exact, late.
The stream counter emits each window's count as soon as its watermark (the
latest event time seen, minus a delay threshold) passes the window's end, and
drops any event that arrives for a window it has already emitted. The delay
threshold is Spark's `withWatermark` delay, Flink's maximum out-of-orderness;
Flink's "allowed lateness" is a different, later grace period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def _check_window(size: object, max_delay: object = 0) -> None:
    if type(size) is not int or size < 1:
        raise ValueError(f"window size must be an int of at least 1, not {size!r}")
    if type(max_delay) is not int or max_delay < 0:
        raise ValueError(f"the delay threshold must be an int >= 0, not {max_delay!r}")


def window_start(event_time: int, size: int) -> int:
    """The start of the tumbling window of `size` that holds `event_time`."""
    return event_time - event_time % size


# --8<-- [start:windows]
def batch_counts(event_times: Iterable[int], size: int) -> dict[int, int]:
    """Events per window, counted once over the complete data set."""
    _check_window(size)
    return dict(sorted(Counter(window_start(t, size) for t in event_times).items()))


class StreamingCounter:
    """Events per window, emitted once the watermark passes the window's end."""

    def __init__(self, size: int, max_delay: int) -> None:
        _check_window(size, max_delay)
        self.size, self.max_delay = size, max_delay
        self.open: Counter[int] = Counter()  # window start -> count so far
        self.emitted: dict[int, int] = {}
        self.max_event_time: int | None = None
        self.dropped = 0  # arrived after their window was emitted

    def add(self, event_time: int) -> list[tuple[int, int]]:
        """Count one event; the windows this closes, as (start, final count)."""
        if type(event_time) is not int or event_time < 0:
            raise ValueError(f"event time must be an int >= 0, not {event_time!r}")
        start = window_start(event_time, self.size)
        if self._is_final(start):
            self.dropped += 1  # too late: that window's result is already out
            return []
        self.open[start] += 1
        if self.max_event_time is None or event_time > self.max_event_time:
            self.max_event_time = event_time
        return self._emit([s for s in self.open if self._is_final(s)])

    def flush(self) -> list[tuple[int, int]]:
        """The input has ended: emit every window still open."""
        return self._emit(list(self.open))

    def _is_final(self, start: int) -> bool:
        # The watermark: no event older than this is expected any more.
        if self.max_event_time is None:
            return False
        return start + self.size <= self.max_event_time - self.max_delay

    def _emit(self, starts: list[int]) -> list[tuple[int, int]]:
        for start in sorted(starts):
            self.emitted[start] = self.open.pop(start)
        return [(start, self.emitted[start]) for start in sorted(starts)]


# --8<-- [end:windows]
