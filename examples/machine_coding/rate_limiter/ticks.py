"""Time inside the limiters: whole nanoseconds, held in Python ints.

The clock hands out float seconds, and floats cannot say where a 0.3-second
window ends (0.3 has no exact binary form) or add up refills without drift.
So each reading is rounded to the nearest nanosecond once, on the way in, and
every boundary, refill, drain and expiry after that is integer arithmetic:
the instant a refused request would pass is an exact tick. On the way out,
`seconds_until` turns such a tick back into a float wait that a caller can
add to its own clock reading and be sure to arrive at that tick or just after.
"""

from __future__ import annotations

import math

# --8<-- [start:ticks]
TICKS_PER_SECOND = 1_000_000_000  # one tick is a nanosecond, as in time.monotonic_ns()


def to_ticks(seconds: float) -> int:
    """Round float seconds to the nearest tick (halves up), exactly.

    `round(seconds * 1e9)` would round twice: the product is itself a float.
    A float is an exact fraction, so do the rounding on that fraction.
    """
    numerator, denominator = float(seconds).as_integer_ratio()
    return (2 * numerator * TICKS_PER_SECOND + denominator) // (2 * denominator)


def seconds_until(now: float, tick: int, *, now_tick: int | None = None) -> float:
    """The float wait after which a clock that read `now` reaches `tick`.

    0.0 if it already has. Otherwise a wait > 0 with
    to_ticks(now + wait) >= tick, computed in the same float addition the
    caller will do, and at most a tick (or one float step of the clock) late.
    Pass `now_tick` if you already have to_ticks(now).
    """
    if now_tick is None:
        now_tick = to_ticks(now)
    if tick <= now_tick:
        return 0.0
    wait = (tick - now_tick) / TICKS_PER_SECOND  # int / int: one rounding
    if to_ticks(now + wait) >= tick:
        return wait
    # now + wait rounded a hair short: aim at the first float that reads as
    # `tick`, then nudge the wait until the sum is not below it. Each loop
    # stops within a few steps: the first moves `target` by its own last
    # unit; the second runs only when `target` is over twice `now` (else the
    # subtraction and the sum are exact), so `wait` is over half of it.
    target = tick / TICKS_PER_SECOND
    while to_ticks(target) < tick:
        target = math.nextafter(target, math.inf)
    wait = target - now
    while now + wait < target:
        wait = math.nextafter(wait, math.inf)
    return wait


def window_start(tick: int, window: int) -> int:
    """The first tick of the aligned window [k * window, (k + 1) * window) holding `tick`."""
    return tick - tick % window


def ceil_div(numerator: int, denominator: int) -> int:
    """Integer division rounded up: how many ticks it takes to cover a shortfall."""
    return -(-numerator // denominator)


# --8<-- [end:ticks]
