"""Surge pricing per cell: demand over a window against supply, capped and smoothed.

The published multiplier moves only when the target has moved by more than
a dead band (hysteresis), and by a bounded step per interval, so a price
does not flap each minute on noise.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass


# --8<-- [start:policy]
@dataclass(frozen=True)
class SurgePolicy:
    threshold: float = 2.0  # requests per free driver where surge begins
    slope: float = 0.4  # multiplier added per unit of ratio above it
    cap: float = 3.0  # never charge more than this
    smoothing: float = 0.4  # weight of the newest ratio in the moving average
    deadband: float = 0.2  # ignore target moves smaller than this
    max_rise: float = 0.5  # per interval
    max_fall: float = 0.3  # per interval
    step: float = 0.1  # published prices are multiples of this

    def __post_init__(self) -> None:
        if not self.cap >= 1:
            raise ValueError(f"cap must be at least 1, got {self.cap!r}")
        if not 0 < self.smoothing <= 1:
            raise ValueError(f"smoothing must be in (0, 1], got {self.smoothing!r}")
        for name in ("threshold", "slope", "deadband", "max_rise", "max_fall"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)!r}")
        if not self.step > 0:
            raise ValueError(f"step must be positive, got {self.step!r}")

    @property
    def saturation(self) -> float:
        """The ratio where the target reaches the cap; more changes nothing."""
        if self.slope == 0:
            return self.threshold
        return self.threshold + (self.cap - 1) / self.slope


def target_multiplier(ratio: float, policy: SurgePolicy) -> float:
    """The price the ratio alone asks for: 1 up to the threshold, then linear, capped."""
    if not ratio >= 0:
        raise ValueError(f"ratio must be >= 0, got {ratio!r}")
    return min(policy.cap, max(1.0, 1.0 + policy.slope * (ratio - policy.threshold)))


def demand_supply_ratio(demand: int, supply: int) -> float:
    """Requests in the window per available driver; no drivers means no limit."""
    if demand < 0 or supply < 0:
        raise ValueError(f"demand and supply must be >= 0, got {demand!r}, {supply!r}")
    if supply == 0:
        return math.inf if demand else 0.0
    return demand / supply


# --8<-- [end:policy]


# --8<-- [start:controller]
class SurgeCell:
    """The published multiplier of one cell, updated once per interval."""

    def __init__(self, policy: SurgePolicy) -> None:
        self.policy = policy
        self.smoothed_ratio = 0.0
        self.published = 1.0

    def update(self, demand: int, supply: int) -> float:
        p = self.policy
        ratio = min(demand_supply_ratio(demand, supply), p.saturation)
        self.smoothed_ratio += p.smoothing * (ratio - self.smoothed_ratio)
        target = target_multiplier(self.smoothed_ratio, p)
        # Compare in whole steps (integers), not floats: 1.2 - 1.0 is
        # 0.19999999999999996, just under a dead band of 0.2.
        gap = round((target - self.published) / p.step, 6)
        at_bound = target <= 1.0 or target >= p.cap
        if abs(gap) < round(p.deadband / p.step, 6) and not at_bound:
            return self.published  # hysteresis: small moves change nothing
        move = max(-p.max_fall, min(p.max_rise, target - self.published))
        stepped = round(round((self.published + move) / p.step) * p.step, 6)
        self.published = min(p.cap, max(1.0, stepped))
        return self.published


# --8<-- [end:controller]


class WindowCounter:
    """Events per key over the last `window` time units, in buckets."""

    def __init__(self, window: int, bucket: int = 1) -> None:
        if bucket < 1 or window < bucket or window % bucket:
            raise ValueError("window must be a positive multiple of bucket")
        self._window, self._bucket = window, bucket
        self._buckets: dict[str, deque[list[int]]] = {}
        self._newest: dict[str, int] = {}  # survives trimming

    def add(self, key: str, now: int, count: int = 1) -> None:
        if count < 0:
            raise ValueError(f"count must be >= 0, got {count!r}")
        start = now - now % self._bucket
        if start < self._newest.get(key, start):
            raise ValueError("time went backwards")
        self._newest[key] = start
        buckets = self._buckets.setdefault(key, deque())
        if buckets and buckets[-1][0] == start:
            buckets[-1][1] += count
        else:
            buckets.append([start, count])
        self._trim(buckets, now)

    def count(self, key: str, now: int) -> int:
        buckets = self._buckets.get(key, deque())
        self._trim(buckets, now)
        return sum(c for _, c in buckets)

    def _trim(self, buckets: deque[list[int]], now: int) -> None:
        while buckets and buckets[0][0] <= now - self._window:
            buckets.popleft()
