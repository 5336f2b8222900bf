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


def concentration(
    requests: Sequence[Request],
    since: int,
    threshold_ms: float,
    dimension: str,
    min_lift: float = 2.0,
) -> tuple[str, float, float] | None:
    """(value, share of traffic, share of slow requests) for the value that stands out.

    A value stands out when its share of the slow requests is at least
    `min_lift` times its share of the traffic: a host that serves 25% of
    requests and 80% of the slow ones does; a big tenant that is slow in
    proportion to its traffic does not. None when no value does.
    """
    if dimension not in ("host", "route", "tenant"):
        raise ValueError(f"unknown dimension {dimension!r}")
    window = [r for r in requests if r.minute >= since]
    slow = [r for r in window if r.latency_ms >= threshold_ms]
    if not slow:
        raise ValueError("no slow requests since that minute: nothing to scope")
    traffic = Counter(getattr(r, dimension) for r in window)
    slow_by = Counter(getattr(r, dimension) for r in slow)

    def lift(value: str) -> float:
        return (slow_by[value] / len(slow)) / (traffic[value] / len(window))

    value = max(sorted(traffic), key=lift)
    if lift(value) < min_lift:
        return None
    return value, traffic[value] / len(window), slow_by[value] / len(slow)


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
            value, traffic, slow = found
            summary = f"{value:9}{traffic:4.0%} of traffic, {slow:4.0%} of slow"
        print(f"{dimension:7}{summary}")
        #> host   web-3     25% of traffic,  89% of slow
        #> route  /search   34% of traffic,  89% of slow
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
