"""The factory builds the right limiter from a validated, strict config."""

from __future__ import annotations

import math

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.factory import Algorithm, LimiterConfig, create_limiter
from examples.machine_coding.rate_limiter.fixed_window import FixedWindowLimiter
from examples.machine_coding.rate_limiter.leaky_bucket import LeakyBucketLimiter
from examples.machine_coding.rate_limiter.limiter import RateLimiter
from examples.machine_coding.rate_limiter.sliding_counter import SlidingCounterLimiter
from examples.machine_coding.rate_limiter.sliding_log import SlidingLogLimiter
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("fixed_window", FixedWindowLimiter),
        ("sliding_log", SlidingLogLimiter),
        ("sliding_counter", SlidingCounterLimiter),
        ("token_bucket", TokenBucketLimiter),
        ("leaky_bucket", LeakyBucketLimiter),
    ],
)
def test_each_name_builds_its_algorithm(name: str, cls: type) -> None:
    config = LimiterConfig.from_mapping({"algorithm": name, "limit": 10, "window": 60})
    limiter = create_limiter(config, clock=ManualClock())
    assert type(limiter) is cls
    assert isinstance(limiter, RateLimiter)
    assert (limiter.limit, limiter.window) == (10, 60.0)
    assert config.algorithm is Algorithm(name)


def test_the_default_clock_is_the_monotonic_system_clock() -> None:
    limiter = create_limiter(LimiterConfig("token_bucket", 1, 1))
    assert limiter.allow("k").allowed


@pytest.mark.parametrize(
    ("raw", "error", "message"),
    [
        ({"algorithm": "leaky", "limit": 1, "window": 1}, ValueError, "unknown algorithm 'leaky'; expected one of"),
        ({"algorithm": "token_bucket", "limit": 0, "window": 1}, ValueError, "at least 1"),
        ({"algorithm": "token_bucket", "limit": "10", "window": 1}, TypeError, "limit must be an int"),
        ({"algorithm": "token_bucket", "limit": True, "window": 1}, TypeError, "limit must be an int"),
        ({"algorithm": "token_bucket", "limit": 2.5, "window": 1}, TypeError, "limit must be an int"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 0}, ValueError, "positive, finite"),
        ({"algorithm": "token_bucket", "limit": 1, "window": -5}, ValueError, "positive, finite"),
        ({"algorithm": "token_bucket", "limit": 1, "window": math.inf}, ValueError, "positive, finite"),
        ({"algorithm": "token_bucket", "limit": 1, "window": math.nan}, ValueError, "positive, finite"),
        ({"algorithm": "token_bucket", "limit": 1, "window": "60s"}, TypeError, "number of seconds"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 4e-10}, ValueError, r"at least 1e-09 s"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 1e308}, ValueError, r"at most 1e\+09 s"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 2e9}, ValueError, r"at most 1e\+09 s"),
        # A YAML or JSON int can be longer than any float: still a ValueError.
        ({"algorithm": "token_bucket", "limit": 1, "window": 10**400}, ValueError, r"at most 1e\+09 s"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 2 * 10**9}, ValueError, r"at most 1e\+09 s"),
        ({"algorithm": "token_bucket", "limit": 1}, ValueError, r"missing \['window'\]"),
        ({"algorithm": "token_bucket", "limit": 1, "window": 1, "burst": 5}, ValueError, r"unknown \['burst'\]"),
        # YAML turns `1:` into an int key; the message must still list it.
        (
            {"algorithm": "token_bucket", "limit": 1, "window": 1, 1: "x", "burst": 5},
            ValueError,
            r"unknown \['burst', 1\]",
        ),
    ],
)
def test_bad_config_is_refused_with_a_message_that_says_why(
    raw: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        LimiterConfig.from_mapping(raw)


def test_config_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="must be a mapping, got list"):
        LimiterConfig.from_mapping([("algorithm", "sliding_log")])  # type: ignore[arg-type]


def test_config_normalizes_types() -> None:
    config = LimiterConfig("sliding_log", 5, 60)
    assert config.algorithm is Algorithm.SLIDING_LOG
    assert isinstance(config.window, float)


@pytest.mark.parametrize(("window", "enforced"), [(60, 60.0), (0.3, 0.3), (1 / 3, 0.333333333), (1e-9, 1e-9)])
def test_limiters_enforce_the_window_to_the_nanosecond(window: float, enforced: float) -> None:
    limiter = create_limiter(LimiterConfig("sliding_log", 1, window), clock=ManualClock())
    assert limiter.window == enforced
