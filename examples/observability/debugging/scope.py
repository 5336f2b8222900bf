"""Scope a symptom before guessing: since when, where it concentrates, what changed just before.

One seeded hour of request records from a fleet of four hosts. At minute 35 a
canary release goes to web-3, and its /search gets slow. The functions below
do what an on-call engineer does with a metrics or log query: find when the
SLI fell below its objective, which host, route or tenant holds the slow
requests, and which recorded change came just before.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

HOSTS = ("web-1", "web-2", "web-3", "web-4")
ROUTES = ("/orders", "/profile", "/search")
TENANTS = ("acme", "globex", "initech", "umbrella")
TENANT_WEIGHTS = (4, 3, 2, 1)  # acme sends 40% of the traffic


@dataclass(frozen=True)
class Request:
    minute: int
    host: str
    route: str
    tenant: str
    latency_ms: float


@dataclass(frozen=True)
class Change:
    minute: int
    what: str


CHANGES = (
    Change(12, "config: search cache TTL 60 s -> 300 s, all hosts"),
    Change(35, "deploy v2.8.0 to web-3 (canary)"),
    Change(50, "autoscaler: web-5 added"),  # after the onset: not a cause
)


def seeded_hour(seed: int = 7, per_minute: int = 200) -> list[Request]:
    """An hour of requests; from minute 35 on, web-3 serves /search ~6x slower."""
    rng = random.Random(seed)
    requests = []
    for minute in range(60):
        for _ in range(per_minute):
            host, route = rng.choice(HOSTS), rng.choice(ROUTES)
            median = 40.0
            if minute >= 35 and host == "web-3" and route == "/search":
                median = 250.0  # the regression the canary brought
            requests.append(
                Request(
                    minute,
                    host,
                    route,
                    rng.choices(TENANTS, TENANT_WEIGHTS)[0],
                    median * math.exp(rng.gauss(0.0, 0.8)),
                )
            )
    return requests


# --8<-- [start:scope]
def onset(
    requests: Sequence[Request], threshold_ms: float, objective: float, minutes: int = 3
) -> int | None:
    """First minute of the first run of `minutes` minutes whose SLI is below `objective`.

    The SLI is the share of requests faster than `threshold_ms`. A run of
    bad minutes, not one, so a single noisy minute does not count.
    """
    if not 0 < objective < 1 or minutes < 1:
        raise ValueError("objective must be in (0, 1) and minutes at least 1")
    total, fast = Counter[int](), Counter[int]()
    for r in requests:
        total[r.minute] += 1
        fast[r.minute] += r.latency_ms < threshold_ms
    bad = [m for m in sorted(total) if fast[m] / total[m] < objective]
    for m in bad:
        if all(m + k in bad for k in range(minutes)):
            return m
    return None


@dataclass(frozen=True)
class Concentration:
    value: str
    traffic_share: float  # of all requests in the window
    slow_share: float  # of the slow requests in the window
    risk: float  # its slow rate / everyone else's slow rate (inf: only it is slow)


def concentration(
    requests: Sequence[Request],
    since: int,
    threshold_ms: float,
    dimension: str,
    min_risk: float = 2.0,
) -> Concentration | None:
    """The value of `dimension` whose requests are slow most often, compared with the rest.

    Its relative risk: the fraction of its requests that are slow, divided
    by that fraction among all other values' requests. A value stands out at `min_risk` or
    more: a host slow 40% of the time while the others are slow 1% of the
    time does, and so does a route with 60% of the traffic and every slow
    request; a big tenant slow as often as everyone else does not.
    """
    if dimension not in ("host", "route", "tenant"):
        raise ValueError(f"unknown dimension {dimension!r}")
    window = [r for r in requests if r.minute >= since]
    slow = [r for r in window if r.latency_ms >= threshold_ms]
    if not slow:
        raise ValueError("no slow requests since that minute: nothing to scope")
    traffic = Counter(getattr(r, dimension) for r in window)
    slow_by = Counter(getattr(r, dimension) for r in slow)
    if len(traffic) < 2:
        return None  # one value: nothing to compare it with

    def risk(value: str) -> float:
        rest_slow = len(slow) - slow_by[value]
        rest_rate = rest_slow / (len(window) - traffic[value])
        rate = slow_by[value] / traffic[value]
        return rate / rest_rate if rest_rate else math.inf

    value = max(sorted(traffic), key=risk)
    if risk(value) < min_risk:
        return None
    return Concentration(
        value, traffic[value] / len(window), slow_by[value] / len(slow), risk(value)
    )


def slow_share(
    requests: Sequence[Request], threshold_ms: float, minutes: range, **match: str
) -> float:
    """Share of slow requests among those in `minutes` whose fields equal `match`."""
    rows = [
        r
        for r in requests
        if r.minute in minutes and all(getattr(r, k) == v for k, v in match.items())
    ]
    if not rows:
        raise ValueError(f"no requests match {match} in {minutes}")
    return sum(r.latency_ms >= threshold_ms for r in rows) / len(rows)


def changes_before(
    changes: Sequence[Change], minute: int, window: int = 30
) -> list[Change]:
    """The recorded changes in the `window` minutes up to and including `minute`."""
    return [c for c in changes if minute - window <= c.minute <= minute]


# --8<-- [end:scope]


if __name__ == "__main__":
    requests = seeded_hour()
    # --8<-- [start:demo]
    start = onset(requests, threshold_ms=300, objective=0.99)
    print("SLI (share under 300 ms) below 99% since minute", start)
    #> SLI (share under 300 ms) below 99% since minute 35
    for dimension in ("host", "route", "tenant"):
        found = concentration(requests, start, 300, dimension)
        summary = "no value stands out"
        if found is not None:
            summary = (
                f"{found.value:8}{found.traffic_share:4.0%} of traffic,"
                f"{found.slow_share:4.0%} of slow, {found.risk:2.0f}x the rest's rate"
            )
        print(f"{dimension:7}{summary}")
        #> host   web-3    25% of traffic, 89% of slow, 24x the rest's rate
        #> route  /search  34% of traffic, 89% of slow, 16x the rest's rate
        #> tenant no value stands out
    for change in changes_before(CHANGES, start):
        print("minute", change.minute, change.what)
        #> minute 12 config: search cache TTL 60 s -> 300 s, all hosts
        #> minute 35 deploy v2.8.0 to web-3 (canary)
    # --8<-- [end:demo]

    # --8<-- [start:test]
    # Hypothesis: v2.8.0 made /search slow. Prediction: /search got slow on
    # web-3 at minute 35 and nowhere else. Check it against the same data.
    before, after = range(35), range(35, 60)
    for host in HOSTS:
        was = slow_share(requests, 300, before, host=host, route="/search")
        now = slow_share(requests, 300, after, host=host, route="/search")
        print(f"{host} /search slow: {was:.1%} before, {now:.1%} after")
        #> web-1 /search slow: 0.0% before, 1.0% after
        #> web-2 /search slow: 1.2% before, 0.2% after
        #> web-3 /search slow: 0.9% before, 40.3% after
        #> web-4 /search slow: 1.3% before, 0.7% after
    # --8<-- [end:test]
