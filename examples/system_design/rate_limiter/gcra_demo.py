"""The GCRA script against the real Redis, on an injected clock so the output repeats."""

# requires-server: redis

from examples.data.redis.connection import redis_session
from examples.machine_coding.clock import ManualClock
from examples.system_design.rate_limiter.gcra import GcraLimiter, Policy

clock = ManualClock(start=1_733_097_600.0)  # seconds; the limiter wants microseconds


def now_us() -> int:
    return round(clock() * 1_000_000)


with redis_session("rl_gcra_demo") as (r, prefix):
    # --8<-- [start:burst]
    # 5 requests per 10 s: a burst of 5, then one every 2 s.
    limiter = GcraLimiter(r, prefix, [Policy("burst", 5, 10)], clock_us=now_us)
    answers = [limiter.allow("ip:203.0.113.7") for _ in range(6)]
    print([a.allowed for a in answers])
    #> [True, True, True, True, True, False]
    refused = answers[-1]
    print("retry after", refused.retry_after_us, "us")
    #> retry after 2000000 us
    print(refused.headers())
    """
    {
        'RateLimit-Policy': '"burst";q=5;w=10',
        'RateLimit': '"burst";r=0;t=2',
        'Retry-After': '2',
    }
    """
    clock.advance(1.999_999)  # one microsecond early: still refused
    print(limiter.allow("ip:203.0.113.7").allowed)
    #> False
    clock.advance(0.000_001)  # exactly the wait it was given: admitted
    print(limiter.allow("ip:203.0.113.7").allowed)
    #> True
    # --8<-- [end:burst]

    # --8<-- [start:steady]
    # A fresh client that asks once a second for a minute gets the burst,
    # then the policy's rate: one request per 2 s.
    admitted = 0
    for _ in range(60):
        admitted += limiter.allow("ip:198.51.100.20").allowed
        clock.advance(1)
    print("asked 60, admitted", admitted)
    #> asked 60, admitted 34
    key = limiter.key_for("ip:198.51.100.20", Policy("burst", 5, 10))
    print("one key, its value is the TAT in us:", r.get(key).isdigit())
    #> one key, its value is the TAT in us: True
    print("it expires within one period:", 0 < r.pttl(key) <= 10_000)
    #> it expires within one period: True
    # --8<-- [end:steady]

    # --8<-- [start:two_policies]
    # Per second and per hour in one call: spent on both or on neither.
    both = GcraLimiter(
        r, prefix, [Policy("second", 2, 1), Policy("hour", 3, 3600)], clock_us=now_us
    )
    for _ in range(2):
        for _ in range(2):
            verdict = both.allow("user:u42")
            print(verdict.allowed, verdict.headers()["RateLimit"])
            #> True "second";r=1;t=1, "hour";r=2;t=1200
            #> True "second";r=0;t=1, "hour";r=1;t=1200
            #> True "second";r=1;t=1, "hour";r=0;t=1199
            #> False "second";r=1;t=1, "hour";r=0;t=1199
        clock.advance(1)
    print("Retry-After", verdict.headers()["Retry-After"])
    #> Retry-After 1199
    # --8<-- [end:two_policies]
