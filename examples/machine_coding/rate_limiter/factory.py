"""Build a limiter from configuration: a dict parsed from YAML or JSON.

Values must already have their types: environment variables are strings, and
`from_mapping` refuses a limit of "100" rather than guess. Convert them first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from examples.machine_coding.clock import Clock, system_clock
from examples.machine_coding.rate_limiter.fixed_window import FixedWindowLimiter
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter
from examples.machine_coding.rate_limiter.leaky_bucket import LeakyBucketLimiter
from examples.machine_coding.rate_limiter.limiter import RateLimiter
from examples.machine_coding.rate_limiter.sliding_counter import SlidingCounterLimiter
from examples.machine_coding.rate_limiter.sliding_log import SlidingLogLimiter
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.machine_coding.rate_limiter.validation import check_limit, check_window


# --8<-- [start:config]
class Algorithm(StrEnum):
    FIXED_WINDOW = "fixed_window"
    SLIDING_LOG = "sliding_log"
    SLIDING_COUNTER = "sliding_counter"
    TOKEN_BUCKET = "token_bucket"  # noqa: S105 (an algorithm name, not a secret)
    LEAKY_BUCKET = "leaky_bucket"


@dataclass(frozen=True, slots=True)
class LimiterConfig:
    """A validated policy: `limit` units per `window` seconds, by `algorithm`."""

    algorithm: Algorithm
    limit: int
    window: float

    def __post_init__(self) -> None:
        try:
            algorithm = Algorithm(self.algorithm)
        except ValueError:
            known = ", ".join(a.value for a in Algorithm)
            raise ValueError(
                f"unknown algorithm {self.algorithm!r}; expected one of: {known}"
            ) from None
        object.__setattr__(self, "algorithm", algorithm)
        object.__setattr__(self, "limit", check_limit(self.limit))
        object.__setattr__(self, "window", check_window(self.window))

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> LimiterConfig:
        """Parse a config dict strictly: a misspelled key is an error, not a default."""
        if not isinstance(raw, Mapping):
            raise TypeError(
                f"limiter config must be a mapping, got {type(raw).__name__}"
            )
        fields = {"algorithm", "limit", "window"}
        missing, unknown = fields - raw.keys(), raw.keys() - fields
        if missing or unknown:
            # sorted by repr: a YAML key such as `1:` arrives as an int
            missing_keys, unknown_keys = sorted(missing), sorted(unknown, key=repr)
            raise ValueError(
                f"bad limiter config: missing {missing_keys}, unknown {unknown_keys}"
            )
        return cls(raw["algorithm"], raw["limit"], raw["window"])  # type: ignore[arg-type]


# --8<-- [end:config]


# --8<-- [start:factory]
_IMPLEMENTATIONS: dict[Algorithm, type[KeyedLimiter]] = {
    Algorithm.FIXED_WINDOW: FixedWindowLimiter,
    Algorithm.SLIDING_LOG: SlidingLogLimiter,
    Algorithm.SLIDING_COUNTER: SlidingCounterLimiter,
    Algorithm.TOKEN_BUCKET: TokenBucketLimiter,
    Algorithm.LEAKY_BUCKET: LeakyBucketLimiter,
}


def create_limiter(
    config: LimiterConfig, *, clock: Clock = system_clock
) -> RateLimiter:
    """The one place that knows which class implements which algorithm."""
    implementation = _IMPLEMENTATIONS[config.algorithm]
    return implementation(config.limit, config.window, clock=clock)


# --8<-- [end:factory]
