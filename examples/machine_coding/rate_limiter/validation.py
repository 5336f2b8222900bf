"""Checks shared by every limiter and by the factory, so the messages match."""

from __future__ import annotations

import math

MAX_KEY_LENGTH = 256
MIN_WINDOW = 1e-9  # limiters count time in whole nanoseconds
# About 31.7 years. Longer is a config mistake, and the cap (with the clock's
# range, keyed.MAX_CLOCK) keeps every wait a limiter reports a finite float.
MAX_WINDOW = 1e9


# --8<-- [start:validation]
def check_limit(limit: object) -> int:
    """A limit is a whole number of requests, at least 1."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be an int, got {type(limit).__name__}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    return limit


def check_window(window: object) -> float:
    """A window is a number of seconds from a nanosecond (one tick) to MAX_WINDOW."""
    if isinstance(window, bool) or not isinstance(window, int | float):
        raise TypeError(
            f"window must be a number of seconds, got {type(window).__name__}"
        )
    if isinstance(window, int) and window > MAX_WINDOW:
        # Checked first: math.isfinite() raises OverflowError on an int too big
        # for a float, and printing a huge int can fail too, so do not echo it.
        raise ValueError(f"window must be at most {MAX_WINDOW:.0e} s")
    if not math.isfinite(window) or window <= 0:
        raise ValueError(
            f"window must be a positive, finite number of seconds, got {window}"
        )
    if window < MIN_WINDOW:
        raise ValueError(f"window must be at least {MIN_WINDOW} s, got {window}")
    if window > MAX_WINDOW:
        raise ValueError(f"window must be at most {MAX_WINDOW:.0e} s, got {window}")
    return float(window)


def check_key(key: object) -> str:
    """Keys are non-empty strings of bounded length (they become dict keys)."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a str, got {type(key).__name__}")
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(
            f"key must be 1 to {MAX_KEY_LENGTH} characters, got {len(key)}"
        )
    return key


def check_cost(cost: object, limit: int) -> int:
    """A cost no limit could ever admit is a caller bug, not a 429."""
    if isinstance(cost, bool) or not isinstance(cost, int):
        raise TypeError(f"cost must be an int, got {type(cost).__name__}")
    if not 1 <= cost <= limit:
        raise ValueError(f"cost must be between 1 and the limit ({limit}), got {cost}")
    return cost


# --8<-- [end:validation]
