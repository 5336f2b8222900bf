"""How much load retries add to a dependency that is down, and what stops it.

A seeded, discrete-event simulation: `clients` clients each send one request
per second for a minute; the dependency fails every call from t=10 s to
t=40 s. We count every attempt that reaches the dependency and report the
load multiplier: attempts divided by the first attempts alone, over the
whole outage and over its last 20 seconds.

Three client behaviors: naive (retry at once, up to 3 times), backoff with
full jitter (same 3 retries, spread out), and backoff plus a retry budget
(retries at most about 10% of requests). The retry policy and budget are the
ones in retries.py.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from dataclasses import dataclass

from examples.reliability.retries import RetryBudget, full_jitter

OUTAGE = (10.0, 40.0)  # seconds: every call in this window fails
DURATION = 60.0
MAX_RETRIES = 3


# --8<-- [start:simulate]
@dataclass(frozen=True)
class Load:
    overall: float  # attempts / first attempts, during the whole outage
    steady: float  # the same ratio in its last 20 s, once saved tokens are spent


def simulate(clients: int, strategy: str, seed: int = 7) -> Load:
    """Attempts reaching the dependency with `strategy`: naive, jitter or budget."""
    if clients < 1:
        raise ValueError("clients must be at least 1")
    if strategy not in {"naive", "jitter", "budget"}:
        raise ValueError(f"unknown strategy {strategy!r}")
    rng = random.Random(seed)
    budgets = [RetryBudget(ratio=0.1, max_tokens=10) for _ in range(clients)]
    # Events: (time, client, attempt number); attempt 0 is a first attempt.
    events = [
        (second + rng.random(), client, 0)
        for client in range(clients)
        for second in range(int(DURATION))
    ]
    heapq.heapify(events)
    attempts: Counter[int] = Counter()  # per second, during the outage
    firsts: Counter[int] = Counter()
    while events:
        t, client, attempt = heapq.heappop(events)
        failed = OUTAGE[0] <= t < OUTAGE[1]
        if failed:
            attempts[math.floor(t)] += 1
            if attempt == 0:
                firsts[math.floor(t)] += 1
        if attempt == 0:
            budgets[client].on_request()
        if not failed or attempt == MAX_RETRIES:
            continue
        if strategy == "budget" and not budgets[client].try_spend():
            continue  # out of budget: fail this request now
        wait = 0.0 if strategy == "naive" else full_jitter(attempt + 1, 0.1, 5.0, rng)
        heapq.heappush(events, (t + wait, client, attempt + 1))
    overall = sum(attempts.values()) / sum(firsts.values())
    late = range(int(OUTAGE[1]) - 20, int(OUTAGE[1]))
    steady = sum(attempts[s] for s in late) / sum(firsts[s] for s in late)
    return Load(round(overall, 2), round(steady, 2))


# --8<-- [end:simulate]

if __name__ == "__main__":
    # --8<-- [start:demo]
    naive = simulate(clients=200, strategy="naive")
    print(f"naive retries:     x{naive.overall} overall, x{naive.steady} steady")
    #> naive retries:     x4.0 overall, x4.0 steady
    jitter = simulate(clients=200, strategy="jitter")
    print(f"backoff + jitter:  x{jitter.overall} overall, x{jitter.steady} steady")
    #> backoff + jitter:  x3.98 overall, x4.0 steady
    budget = simulate(clients=200, strategy="budget")
    print(f"jitter + budget:   x{budget.overall} overall, x{budget.steady} steady")
    #> jitter + budget:   x1.4 overall, x1.1 steady
    # --8<-- [end:demo]
