"""GCRA (the generic cell rate algorithm) for every policy of a request, in one Lua script.

GCRA is a token bucket that stores one number per key instead of two: the
theoretical arrival time (TAT), the instant at which the bucket would be full
again. A request of cost c fits when max(TAT, now) + c * interval - now is at
most the bucket's capacity, burst * interval. Time is integer microseconds
(Redis's TIME, or a clock the caller passes), so every comparison is exact.

One call checks all of a request's policies (per second and per hour, say)
and spends on all of them or on none, so a refusal by the hourly policy does
not eat the per-second quota. Redis runs the script with nothing in between.
"""

# requires-server: redis

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import redis

from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.http_headers import rate_limit_headers
from examples.machine_coding.rate_limiter.validation import check_cost, check_limit

MAX_POLICIES = 8
MAX_LIMIT = 1_000_000
MAX_PERIOD_S = 31 * 86_400  # a month; with MAX_LIMIT, every sum stays below 2**53
MAX_CLOCK_US = 2**52  # year 2112: Lua numbers are doubles, exact up to 2**53
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")  # a policy name the draft's fields accept
# Keys become part of Redis key names; braces would break the hash tag.
_CLIENT = re.compile(r"[A-Za-z0-9_.:/@-]{1,128}")

# --8<-- [start:script]
# KEYS[i]: policy i's bucket for one client (one hash slot: see key_for).
# ARGV[1]: now in microseconds, or '' for Redis's own clock. ARGV[2]: cost.
# ARGV[1 + 2i], ARGV[2 + 2i]: policy i's emission interval and capacity (us).
GCRA = """
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')  -- one clock for every app server
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local cost = tonumber(ARGV[2])
local tat, fits, all_fit = {}, {}, true
for i = 1, #KEYS do
  local interval, capacity = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  tat[i] = math.max(tonumber(redis.call('GET', KEYS[i])) or now, now)
  fits[i] = tat[i] + cost * interval - now <= capacity
  all_fit = all_fit and fits[i]
end
local reply = {all_fit and 1 or 0}
for i = 1, #KEYS do
  local interval, capacity = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  local wait = 0
  if all_fit then  -- spend on every policy, or (below) on none
    tat[i] = tat[i] + cost * interval
    -- The key outlives its debt by under a millisecond; a missing key
    -- reads as a full bucket, so nobody is locked out by a lost key.
    redis.call('SET', KEYS[i], tat[i], 'PX', math.ceil((tat[i] - now) / 1000))
  elseif not fits[i] then
    wait = tat[i] + cost * interval - now - capacity
  end
  local debt = tat[i] - now  -- time until this bucket is full again
  local remaining = math.max(0, math.floor((capacity - debt) / interval))
  local next_unit = 0
  if debt > 0 then next_unit = debt - capacity + (remaining + 1) * interval end
  for _, v in ipairs({fits[i] and 1 or 0, remaining, wait, debt, next_unit}) do
    reply[#reply + 1] = v
  end
end
return reply
"""
# --8<-- [end:script]


# --8<-- [start:types]
@dataclass(frozen=True, slots=True)
class Policy:
    """`limit` requests per `period_s` seconds, as a token bucket.

    Without `burst`, the bucket holds `limit` and refills `limit` per period:
    any window of T seconds can admit limit + limit * T / period_s, so twice
    the limit in one period. With `burst` below `limit`, the bucket holds
    `burst` and refills `limit - burst` per period, so no window of
    `period_s` admits more than `limit`: a ceiling, for security limits.
    """

    name: str
    limit: int
    period_s: int
    burst: int | None = None

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(
                f"policy name must match {_NAME.pattern}, got {self.name!r}"
            )
        if check_limit(self.limit) > MAX_LIMIT:
            raise ValueError(f"limit must be at most {MAX_LIMIT}, got {self.limit}")
        if isinstance(self.period_s, bool) or not isinstance(self.period_s, int):
            raise TypeError(
                f"period_s must be an int, got {type(self.period_s).__name__}"
            )
        if not 1 <= self.period_s <= MAX_PERIOD_S:
            raise ValueError(
                f"period_s must be 1 to {MAX_PERIOD_S}, got {self.period_s}"
            )
        if self.burst is not None:
            if isinstance(self.burst, bool) or not isinstance(self.burst, int):
                raise TypeError(
                    f"burst must be an int, got {type(self.burst).__name__}"
                )
            if not 1 <= self.burst < self.limit:
                raise ValueError(
                    f"burst must be 1 to limit - 1 ({self.limit - 1}), got {self.burst}"
                )

    @property
    def capacity(self) -> int:
        """Requests the bucket holds: the most admitted at one instant."""
        return self.limit if self.burst is None else self.burst

    @property
    def interval_us(self) -> int:
        """Microseconds one request's worth of quota takes to come back.

        Rounded up, so the policy never admits more than it advertises:
        3 per second is enforced as one per 333,334 us.
        """
        refill = self.limit if self.burst is None else self.limit - self.burst
        return -(-self.period_s * 1_000_000 // refill)


@dataclass(frozen=True, slots=True)
class PolicyState:
    """One policy's answer, all times in microseconds."""

    policy: Policy
    allowed: bool  # this policy alone would admit the request
    remaining: int
    retry_after_us: int  # 0 if this policy admits
    reset_after_us: int  # until the bucket is full again
    next_unit_after_us: int

    def decision(self) -> Decision:
        """As the machine-coding limiters answer, to reuse their HTTP fields."""
        return Decision(
            allowed=self.allowed,
            limit=self.policy.limit,
            remaining=self.remaining,
            retry_after=self.retry_after_us / 1e6,
            next_unit_after=self.next_unit_after_us / 1e6,
            reset_after=self.reset_after_us / 1e6,
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    states: tuple[PolicyState, ...]

    @property
    def retry_after_us(self) -> int:
        return max(state.retry_after_us for state in self.states)

    def headers(self) -> dict[str, str]:
        """RateLimit-Policy and RateLimit for every policy; Retry-After if refused."""
        fields = [
            rate_limit_headers(
                s.decision(), window=s.policy.period_s, policy=s.policy.name
            )
            for s in self.states
        ]
        headers = {
            name: ", ".join(f[name] for f in fields)
            for name in ("RateLimit-Policy", "RateLimit")
        }
        # The draft asks that Retry-After not point earlier than t. Only the
        # policies that refused set one: an admitting policy's t says when it
        # gains more quota, not when this request would fit.
        waits = [int(f["Retry-After"]) for f in fields if "Retry-After" in f]
        if waits:
            headers["Retry-After"] = str(max(waits))
        return headers


# --8<-- [end:types]


# --8<-- [start:limiter]
class GcraLimiter:
    """Every policy in `policies`, for each client, checked and spent in one call."""

    def __init__(
        self,
        r: redis.Redis,
        prefix: str,
        policies: Sequence[Policy],
        clock_us: Callable[[], int] | None = None,  # None: Redis's TIME
    ) -> None:
        if not 1 <= len(policies) <= MAX_POLICIES:
            raise ValueError(f"give 1 to {MAX_POLICIES} policies, got {len(policies)}")
        if len({p.name for p in policies}) != len(policies):
            raise ValueError("policy names must be unique")
        if "{" in prefix or "}" in prefix:
            raise ValueError("prefix must not contain braces: they start a hash tag")
        self._prefix, self._policies = prefix, tuple(policies)
        self._clock_us = clock_us
        self._max_cost = min(p.capacity for p in policies)
        self._args = [
            n for p in policies for n in (p.interval_us, p.interval_us * p.capacity)
        ]
        self._script = r.register_script(GCRA)  # EVALSHA; reloaded after NOSCRIPT

    def key_for(self, client: str, policy: Policy) -> str:
        if not _CLIENT.fullmatch(client):
            raise ValueError(f"client key must match {_CLIENT.pattern}, got {client!r}")
        # The braces are a hash tag: a client's buckets share one Cluster slot,
        # as a script's keys must.
        return f"{self._prefix}{{{client}}}:{policy.name}"

    def allow(self, client: str, cost: int = 1) -> Verdict:
        keys = [self.key_for(client, p) for p in self._policies]
        check_cost(cost, self._max_cost)  # more than a burst could never pass
        now = ""
        if self._clock_us is not None:
            now = self._clock_us()
            if (
                isinstance(now, bool)
                or not isinstance(now, int)
                or not 0 < now < MAX_CLOCK_US
            ):
                raise ValueError(
                    f"clock_us must return whole microseconds, got {now!r}"
                )
        reply = self._script(keys=keys, args=[now, cost, *self._args])
        states = tuple(
            PolicyState(p, bool(fits), remaining, wait, debt, next_unit)
            for p, (fits, remaining, wait, debt, next_unit) in zip(
                self._policies, _groups(reply[1:], 5), strict=True
            )
        )
        return Verdict(bool(reply[0]), states)


def _groups(values: list[int], size: int) -> list[tuple[int, ...]]:
    return [tuple(values[i : i + size]) for i in range(0, len(values), size)]


# --8<-- [end:limiter]
