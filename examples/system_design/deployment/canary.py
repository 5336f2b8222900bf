"""Canary analysis: compare the new version's error rate with the old one's, then decide.

The canary gets a small share of traffic. After each interval the pipeline calls
`decide` with both versions' counts over the same window: too few canary requests
means wait; a canary error rate more than `tolerance` above the baseline's means roll
back; otherwise promote. Traffic is simulated with a seeded random generator.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from enum import Enum


class Decision(Enum):
    WAIT = "wait"
    PROMOTE = "promote"
    ROLLBACK = "rollback"


@dataclass(frozen=True)
class Window:
    """Requests and failed requests (5xx, timeouts) of one version over one window."""

    requests: int
    errors: int

    def __post_init__(self) -> None:
        if self.requests < 0 or self.errors < 0:
            raise ValueError(f"counts cannot be negative: {self}")
        if self.errors > self.requests:
            raise ValueError(f"more errors than requests: {self}")

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def decide(
    baseline: Window,
    canary: Window,
    *,
    tolerance: float = 0.01,
    min_requests: int = 200,
) -> Decision:
    """WAIT below `min_requests` canary requests; ROLLBACK if the canary's error rate
    exceeds the baseline's by more than `tolerance` (0.01 = one percentage point);
    else PROMOTE."""
    if not 0 < tolerance < 1:
        raise ValueError(f"tolerance must be between 0 and 1, got {tolerance}")
    if min_requests < 1:
        raise ValueError(f"min_requests must be at least 1, got {min_requests}")
    if canary.requests < min_requests or baseline.requests < min_requests:
        return Decision.WAIT
    if canary.error_rate - baseline.error_rate > tolerance:
        return Decision.ROLLBACK
    return Decision.PROMOTE


def chance_of_rollback(
    true_rate: float,
    baseline_rate: float,
    requests: int,
    *,
    tolerance: float = 0.01,
) -> float:
    """Probability that `decide` rolls back a canary whose errors are Binomial(requests,
    true_rate), with the baseline's rate taken as known (it has far more traffic)."""
    if not 0 <= true_rate <= 1 or not 0 <= baseline_rate <= 1:
        raise ValueError("rates must be between 0 and 1")
    if requests < 1:
        raise ValueError(f"requests must be at least 1, got {requests}")

    def log_pmf(k: int) -> float:  # in logs: comb(2000, k) overflows a float
        if true_rate in (0.0, 1.0):
            return 0.0 if k == round(true_rate * requests) else -math.inf
        log_comb = (
            math.lgamma(requests + 1)
            - math.lgamma(k + 1)
            - math.lgamma(requests - k + 1)
        )
        return (
            log_comb + k * math.log(true_rate) + (requests - k) * math.log1p(-true_rate)
        )

    rollback = (
        k for k in range(requests + 1) if k / requests - baseline_rate > tolerance
    )
    return min(1.0, sum(math.exp(log_pmf(k)) for k in rollback))


def run_canary(
    seed: int, canary_error_rate: float, per_minute: int = 1000, share: float = 0.05
) -> list[str]:
    """Minutes of simulated traffic until `decide` stops saying WAIT (at most 30)."""
    rng = random.Random(seed)
    base, can = Window(0, 0), Window(0, 0)
    lines = []
    for minute in range(1, 31):
        n_can = round(per_minute * share)
        n_base = per_minute - n_can
        base = Window(
            base.requests + n_base,
            base.errors + sum(rng.random() < 0.005 for _ in range(n_base)),
        )
        can = Window(
            can.requests + n_can,
            can.errors + sum(rng.random() < canary_error_rate for _ in range(n_can)),
        )
        decision = decide(base, can)
        lines.append(
            f"minute {minute}: baseline {base.error_rate:.2%} of {base.requests}, "
            f"canary {can.error_rate:.2%} of {can.requests} -> {decision.value}"
        )
        if decision is not Decision.WAIT:
            break
    return lines


if __name__ == "__main__":
    # --8<-- [start:decide]
    print(decide(Window(10_000, 50), Window(100, 9)))
    #> Decision.WAIT
    print(decide(Window(10_000, 50), Window(500, 4)))
    #> Decision.PROMOTE
    print(decide(Window(10_000, 50), Window(500, 40)))
    #> Decision.ROLLBACK
    # --8<-- [end:decide]
    # --8<-- [start:simulate]
    print("a healthy canary (0.5% errors, like the baseline):")
    #> a healthy canary (0.5% errors, like the baseline):
    for line in run_canary(seed=3, canary_error_rate=0.005):
        print(line)
        #> minute 1: baseline 0.63% of 950, canary 0.00% of 50 -> wait
        #> minute 2: baseline 0.63% of 1900, canary 0.00% of 100 -> wait
        #> minute 3: baseline 0.67% of 2850, canary 0.00% of 150 -> wait
        #> minute 4: baseline 0.61% of 3800, canary 0.50% of 200 -> promote
    print("a broken canary (4% errors):")
    #> a broken canary (4% errors):
    for line in run_canary(seed=3, canary_error_rate=0.04):
        print(line)
        #> minute 1: baseline 0.63% of 950, canary 2.00% of 50 -> wait
        #> minute 2: baseline 0.63% of 1900, canary 3.00% of 100 -> wait
        #> minute 3: baseline 0.67% of 2850, canary 3.33% of 150 -> wait
        #> minute 4: baseline 0.61% of 3800, canary 3.50% of 200 -> rollback
    # --8<-- [end:simulate]
    # --8<-- [start:power]
    for rate in (0.005, 0.015, 0.02, 0.04):
        for n in (200, 2000):
            p = chance_of_rollback(rate, 0.005, n)
            print(
                f"canary at {rate:.1%}, {n} requests: rolled back {p:.1%} of the time"
            )
            #> canary at 0.5%, 200 requests: rolled back 1.9% of the time
            #> canary at 0.5%, 2000 requests: rolled back 0.0% of the time
            #> canary at 1.5%, 200 requests: rolled back 35.3% of the time
            #> canary at 1.5%, 2000 requests: rolled back 45.2% of the time
            #> canary at 2.0%, 200 requests: rolled back 56.9% of the time
            #> canary at 2.0%, 2000 requests: rolled back 94.0% of the time
            #> canary at 4.0%, 200 requests: rolled back 96.0% of the time
            #> canary at 4.0%, 2000 requests: rolled back 100.0% of the time
    # --8<-- [end:power]
