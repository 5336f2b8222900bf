"""A seeded discrete-event simulation of one load balancer in front of a few servers.

Requests arrive as a Poisson process. Each server serves one request at a time,
first come first served, at its own speed: a request's size is exponential with
mean 1, and server i takes size / rates[i] seconds for it, so each server alone
is an M/M/1 queue. Sizes are drawn once, so every strategy sees exactly the
same requests (the same arrival times, client keys and sizes) and only the
routing differs. A request's latency is its wait in the queue plus its service,
from arrival to finish; the balancer and the network cost nothing. Time is
simulated: nothing sleeps, and the same seed prints the same numbers.
"""

from __future__ import annotations

import functools
import heapq
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from examples.system_design.load_balancing.balancers import Balancer
from examples.system_design.load_balancing.health import (
    ActiveHealthCheck,
    Fault,
    OutlierDetector,
)

# The pool most examples use: requests/s per server; the last one is half as fast.
RATES = (100.0, 100.0, 100.0, 50.0)


# --8<-- [start:scenario]
@dataclass(frozen=True)
class Scenario:
    """What to simulate.

    `rates[i]` is how many requests per second server i completes on average.
    `utilization` is the offered load as a fraction of all servers' capacity
    together: 0.7 means requests arrive at 70% of sum(rates). With unequal
    servers, each server's own utilization depends on the share it is sent.
    `stale_for` > 0: the balancer sees a load report refreshed every
    `stale_for` seconds and counts nothing in between. `balancers` > 1: that
    many replicas share the traffic at random, each seeing only its own
    requests in flight.
    """

    rates: tuple[float, ...]
    utilization: float
    requests: int = 20_000
    seed: int = 1
    clients: int = 1_000
    stale_for: float = 0.0
    balancers: int = 1

    def __post_init__(self) -> None:
        if not self.rates:
            raise ValueError("rates is empty: a simulation needs at least one server")
        if not all(math.isfinite(rate) and rate > 0 for rate in self.rates):
            raise ValueError(f"every rate must be a positive number, got {self.rates}")
        if not 0 < self.utilization < 1:
            raise ValueError(
                f"utilization must be in (0, 1), got {self.utilization}: "
                "at 1 or more, requests arrive faster than all servers together "
                "can finish them and the queues grow without bound"
            )
        if self.requests < 1 or self.clients < 1:
            raise ValueError("requests and clients must be at least 1")
        if not self.stale_for >= 0:
            raise ValueError(f"stale_for must be >= 0, got {self.stale_for}")
        if self.balancers < 1:
            raise ValueError(f"balancers must be at least 1, got {self.balancers}")
        if self.stale_for > 0 and self.balancers > 1:
            raise ValueError(
                "stale_for and balancers > 1 are two different views of load; pick one"
            )

    @property
    def arrival_rate(self) -> float:
        return self.utilization * sum(self.rates)


# --8<-- [end:scenario]


class Request(NamedTuple):
    """One request's fate (a named tuple: cheap to build 20,000 times)."""

    index: int
    key: str
    server: int
    arrival: float
    start: float
    finish: float
    service: float
    ok: bool
    queue_ahead: int  # requests already at its server when it arrived

    @property
    def latency(self) -> float:
        return self.finish - self.arrival


@dataclass(frozen=True)
class Run:
    scenario: Scenario
    balancer: str
    requests: list[Request]
    max_queue: int  # the most requests any one server held at once
    ejections: int = 0


@dataclass(frozen=True)
class Checks:
    """What watches the servers (either, both or neither) and what goes wrong.

    The detectors keep state, so give every run fresh ones.
    """

    outlier: OutlierDetector | None = None
    active: ActiveHealthCheck | None = None
    faults: Sequence[Fault] = field(default_factory=tuple)
    # Envoy's default: below 50% of servers available it ignores health and
    # balances across all of them, so a bad detector cannot drain the fleet.
    panic_threshold: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.panic_threshold <= 1:
            raise ValueError(
                f"panic_threshold must be in [0, 1], got {self.panic_threshold}"
            )


@functools.lru_cache(maxsize=32)
def _arrivals(scenario: Scenario) -> tuple[tuple[float, str, float], ...]:
    """(time, client key, size) for every request; size has mean 1 (exponential).

    Cached, so every strategy run on one scenario reuses the same requests.
    """
    rng = random.Random(scenario.seed)
    rate, clients = scenario.arrival_rate, scenario.clients
    now, out = 0.0, []
    for _ in range(scenario.requests):
        now += rng.expovariate(rate)
        out.append((now, f"client-{rng.randrange(clients)}", rng.expovariate(1.0)))
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _replicas(scenario: Scenario) -> tuple[int, ...]:
    """Which balancer replica receives each request (all 0 for one balancer).

    A stream of its own, so adding replicas leaves the requests unchanged.
    """
    if scenario.balancers == 1:
        return (0,) * scenario.requests
    rng = random.Random(f"{scenario.seed}:replicas")
    return tuple(rng.randrange(scenario.balancers) for _ in range(scenario.requests))


# --8<-- [start:simulate]
def simulate(
    balancer: Balancer, scenario: Scenario, checks: Checks | None = None
) -> Run:
    """Route every request of `scenario` through `balancer` and time it.

    With several replicas, this one `balancer` picks for all of them: fine for
    strategies whose only state is a random generator (round robin's turn
    would become one rotation shared by every replica).
    """
    checks = checks or Checks()
    servers = len(scenario.rates)
    for fault in checks.faults:
        if fault.server >= servers:
            raise ValueError(f"fault names server {fault.server}; there are {servers}")
    everyone = list(range(servers))
    load = [0] * servers  # in flight per server, waiting or being served
    own = [[0] * servers for _ in range(scenario.balancers)]  # each replica's part
    free_at = [0.0] * servers  # when each server finishes the work it already has
    view, view_until = list(load), -1.0  # what the balancer sees of `load`
    events: list[tuple[float, int, int, int]] = []  # (finish, request, server, replica)
    max_queue, done = 0, []
    probe_at = checks.active.interval if checks.active else math.inf

    def fault_at(server: int, now: float) -> Fault | None:
        if not checks.faults:
            return None
        return next((f for f in checks.faults if f.active(server, now)), None)

    def failing(server: int, now: float) -> bool:
        return fault_at(server, now) is not None

    def finish_until(now: float) -> None:
        nonlocal probe_at
        while (events and events[0][0] <= now) or probe_at <= now:
            if not events or probe_at < events[0][0]:  # every server is probed
                for server in everyone:
                    passed = not failing(server, probe_at)
                    checks.active.probe(server, passed)
                    if passed and checks.outlier and server not in checks.active.down:
                        checks.outlier.uneject(server)  # as Envoy: a pass un-ejects
                probe_at += checks.active.interval
                continue
            time, index, server, replica = heapq.heappop(events)
            load[server] -= 1
            own[replica][server] -= 1
            if checks.outlier:
                checks.outlier.observe(server, done[index].ok, time)

    arrivals = zip(_arrivals(scenario), _replicas(scenario), strict=True)
    for index, ((now, key, size), replica) in enumerate(arrivals):
        finish_until(now)
        eligible = everyone
        if checks.active or checks.outlier:
            out = set(checks.active.down) if checks.active else set()
            if checks.outlier:
                out |= checks.outlier.ejected(now)
            eligible = [server for server in everyone if server not in out]
            if len(eligible) < checks.panic_threshold * servers:
                eligible = everyone  # panic: balance across every server
        if scenario.balancers > 1:
            view = own[replica]  # exact for its own requests, blind to the rest
        elif scenario.stale_for == 0:
            view = load
        elif now >= view_until:  # a fresh load report every `stale_for` seconds
            view, view_until = list(load), now + scenario.stale_for
        server = balancer.pick(key, view, eligible)
        start = max(now, free_at[server])
        fault = fault_at(server, start)
        ok = fault is None
        service = size / scenario.rates[server] if ok else fault.error_seconds
        finish = free_at[server] = start + service
        ahead = load[server]
        done.append(Request(index, key, server, now, start, finish, service, ok, ahead))
        load[server] += 1
        own[replica][server] += 1
        max_queue = max(max_queue, load[server])
        heapq.heappush(events, (finish, index, server, replica))
    ejections = checks.outlier.ejections if checks.outlier else 0
    return Run(scenario, balancer.name, done, max_queue, ejections)


# --8<-- [end:simulate]


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p% at or below it."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < p <= 100:
        raise ValueError(f"p must be in (0, 100], got {p}")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Summary:
    balancer: str
    p50_ms: float
    p99_ms: float
    mean_queue: float  # requests ahead of an arriving request at its server
    max_queue: int
    shares: tuple[float, ...]  # fraction of requests each server got

    def row(self) -> str:
        """One line of the comparison table; the last server is the slow one."""
        slowest = self.shares[-1]
        return (
            f"{self.balancer:<21}{self.p50_ms:>7.0f}{self.p99_ms:>8.0f}"
            f"{self.mean_queue:>7.1f}{self.max_queue:>6}{slowest:>8.0%}"
        )


HEADER = f"{'algorithm':<21}{'p50 ms':>7}{'p99 ms':>8}{'mean q':>7}{'max q':>6}{'to slow':>8}"


def summarize(run: Run) -> Summary:
    latencies = [request.latency for request in run.requests]
    counts = [0] * len(run.scenario.rates)
    for request in run.requests:
        counts[request.server] += 1
    total = len(run.requests)
    return Summary(
        balancer=run.balancer,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        mean_queue=sum(request.queue_ahead for request in run.requests) / total,
        max_queue=run.max_queue,
        shares=tuple(count / total for count in counts),
    )
