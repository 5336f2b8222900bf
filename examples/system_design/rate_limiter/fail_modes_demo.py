"""Three kinds of traffic while Redis is gone: refused connections, then silence."""

# requires-server: redis

from __future__ import annotations

import socket

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from examples.data.redis.connection import redis_session
from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter
from examples.system_design.rate_limiter.fail_modes import FailMode, GuardedLimiter
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

INSTANCES = 4  # app servers; each one's local fallback gets a quarter
POLICY = Policy("minute", 8, 60)
clock = ManualClock()


def client(port: int) -> redis.Redis:
    """A limiter's connection: a budget of 50 ms per call, and no retries."""
    return redis.Redis(
        port=port,
        socket_connect_timeout=0.05,
        socket_timeout=0.05,
        retry=Retry(NoBackoff(), retries=0),
    )


def guards(r: redis.Redis, prefix: str) -> dict[str, GuardedLimiter]:
    """One limit per route and client; what each route does without Redis."""

    def shared(route: str) -> GcraLimiter:
        return GcraLimiter(r, f"{prefix}{route}:", [POLICY])

    local = TokenBucketLimiter(POLICY.limit // INSTANCES, POLICY.period_s, clock=clock)
    return {
        "catalog": GuardedLimiter(shared("catalog"), FailMode.OPEN),
        "login": GuardedLimiter(shared("login"), FailMode.CLOSED),
        "search": GuardedLimiter(shared("search"), FailMode.LOCAL, local),
    }


def show(limiters: dict[str, GuardedLimiter]) -> list[str]:
    """Three requests from one client on each route: who decided, what it got."""
    lines = []
    for route, guard in limiters.items():
        outcomes = [guard.check("ip:203.0.113.7") for _ in range(3)]
        statuses = [int(o.status) if o.status else 200 for o in outcomes]
        lines.append(f"{route:<8} {outcomes[0].decided_by:<12} {statuses}")
    return lines


# --8<-- [start:down]
with socket.socket() as probe:  # a port nobody listens on: connection refused
    probe.bind(("127.0.0.1", 0))
    dead_port = probe.getsockname()[1]
with client(dead_port) as dead:
    for line in show(guards(dead, "rl:")):
        print(line)
        #> catalog  fail-open    [200, 200, 200]
        #> login    fail-closed  [503, 503, 503]
        #> search   local        [200, 200, 429]
# --8<-- [end:down]

# --8<-- [start:silent]
with socket.socket() as silent:  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    with client(silent.getsockname()[1]) as hung:
        limiters = guards(hung, "rl:")
        for line in show(limiters):
            print(line)
            #> catalog  fail-open    [200, 200, 200]
            #> login    fail-closed  [503, 503, 503]
            #> search   local        [200, 200, 429]
        blind = sum(g.unavailable for g in limiters.values())
        print("calls that hit the timeout:", blind)
        #> calls that hit the timeout: 9
# --8<-- [end:silent]

# --8<-- [start:up]
with redis_session("rl_fail_modes") as (r, prefix):  # the real Redis is back
    for line in show(guards(r, prefix)):
        print(line)
        #> catalog  redis        [200, 200, 200]
        #> login    redis        [200, 200, 200]
        #> search   redis        [200, 200, 200]
# --8<-- [end:up]
