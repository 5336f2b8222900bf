"""What every limiter must answer, computed with exact arithmetic.

The specification, written independently of the implementation:

- A clock reading (float seconds) counts as the nearest whole nanosecond
  (halves up). A window of `w` seconds is the nearest whole number of
  nanoseconds too. From there on everything is exact: times are ints and
  quantities are `Fraction`s.
- Each model answers `admits(t, cost)` for an instant `t >= ` the last one it
  saw, without changing anything, and `record(t, cost)` for an admission.
- The instants a Decision's waits must reach are found by binary search over
  nanoseconds on `admits` (and on `full`): a second method, independent of the
  closed-form formulas the implementation uses.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction

NS = 10**9


def to_ns(seconds: float) -> int:
    """The nanosecond a float clock reading stands for: nearest, halves up."""
    return math.floor(Fraction(seconds) * NS + Fraction(1, 2))


class ExactModel(ABC):
    def __init__(self, limit: int, window_ns: int) -> None:
        self.limit = limit
        self.window = window_ns

    @abstractmethod
    def admits(self, t: int, cost: int) -> bool:
        """Would a request of `cost` units pass at nanosecond `t`?"""

    @abstractmethod
    def record(self, t: int, cost: int) -> None:
        """Remember an admission of `cost` units at `t`."""

    @abstractmethod
    def full(self, t: int) -> bool:
        """Is the key back to a full quota at `t` (as if it had never been seen)?"""

    def room(self, t: int) -> int:
        """The largest cost that `admits` at `t`, found by trying each cost."""
        return max((c for c in range(self.limit + 1) if c == 0 or self.admits(t, c)), default=0)

    def served_at(self, t: int) -> Fraction:
        """When a request admitted at `t` may be served (only the leaky bucket queues)."""
        return Fraction(t)


def first_instant(holds: Callable[[int], bool], start: int, horizon: int) -> int:
    """The first nanosecond in [start, start + horizon] at which `holds` is true.

    `holds` must be monotone: once true, true for every later instant.
    """
    low, high = start, start + horizon
    assert holds(high), "the model never admits within the horizon"
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return low


class FixedWindowModel(ExactModel):
    """At most `limit` units in each aligned window [k*w, (k+1)*w)."""

    def __init__(self, limit: int, window_ns: int) -> None:
        super().__init__(limit, window_ns)
        self.used: dict[int, int] = defaultdict(int)

    def admits(self, t: int, cost: int) -> bool:
        return self.used[t // self.window] + cost <= self.limit

    def record(self, t: int, cost: int) -> None:
        self.used[t // self.window] += cost

    def full(self, t: int) -> bool:
        return self.used[t // self.window] == 0


class SlidingLogModel(ExactModel):
    """At most `limit` units admitted in the half-open interval (t - w, t]."""

    def __init__(self, limit: int, window_ns: int) -> None:
        super().__init__(limit, window_ns)
        self.admitted: list[tuple[int, int]] = []

    def _used(self, t: int) -> int:
        return sum(cost for at, cost in self.admitted if at > t - self.window)

    def admits(self, t: int, cost: int) -> bool:
        return self._used(t) + cost <= self.limit

    def record(self, t: int, cost: int) -> None:
        self.admitted.append((t, cost))

    def full(self, t: int) -> bool:
        return self._used(t) == 0


class SlidingCounterModel(ExactModel):
    """estimate = previous window's units x (share of it still in the sliding window) + this window's."""

    def __init__(self, limit: int, window_ns: int) -> None:
        super().__init__(limit, window_ns)
        self.used: dict[int, int] = defaultdict(int)

    def _estimate(self, t: int) -> Fraction:
        index, elapsed = divmod(t, self.window)
        overlap = Fraction(self.window - elapsed, self.window)
        return self.used[index - 1] * overlap + self.used[index]

    def admits(self, t: int, cost: int) -> bool:
        return self._estimate(t) + cost <= self.limit

    def record(self, t: int, cost: int) -> None:
        self.used[t // self.window] += cost

    def full(self, t: int) -> bool:
        index = t // self.window
        return self.used[index - 1] == 0 and self.used[index] == 0


class TokenBucketModel(ExactModel):
    """`limit` tokens, refilled continuously at limit / w per nanosecond."""

    def __init__(self, limit: int, window_ns: int) -> None:
        super().__init__(limit, window_ns)
        self.tokens = Fraction(limit)
        self.at: int | None = None

    def _tokens(self, t: int) -> Fraction:
        if self.at is None:
            return Fraction(self.limit)
        return min(Fraction(self.limit), self.tokens + (t - self.at) * Fraction(self.limit, self.window))

    def admits(self, t: int, cost: int) -> bool:
        return self._tokens(t) >= cost

    def record(self, t: int, cost: int) -> None:
        self.tokens, self.at = self._tokens(t) - cost, t

    def full(self, t: int) -> bool:
        return self._tokens(t) == self.limit


class LeakyBucketModel(ExactModel):
    """A queue of at most `limit` units, drained continuously at limit / w per nanosecond."""

    def __init__(self, limit: int, window_ns: int) -> None:
        super().__init__(limit, window_ns)
        self.level = Fraction(0)
        self.at: int | None = None

    def _level(self, t: int) -> Fraction:
        if self.at is None:
            return Fraction(0)
        return max(Fraction(0), self.level - (t - self.at) * Fraction(self.limit, self.window))

    def admits(self, t: int, cost: int) -> bool:
        return self._level(t) + cost <= self.limit

    def record(self, t: int, cost: int) -> None:
        self.level, self.at = self._level(t) + cost, t

    def full(self, t: int) -> bool:
        return self._level(t) == 0

    def served_at(self, t: int) -> Fraction:
        # The units already queued drain first.
        return t + self._level(t) * Fraction(self.window, self.limit)


MODELS: dict[str, type[ExactModel]] = {
    "fixed_window": FixedWindowModel,
    "sliding_log": SlidingLogModel,
    "sliding_counter": SlidingCounterModel,
    "token_bucket": TokenBucketModel,
    "leaky_bucket": LeakyBucketModel,
}
