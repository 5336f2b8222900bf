"""p99 latency against utilization for the five strategies (the figure on the page)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from examples.system_design.load_balancing.balancers import STRATEGIES, make_balancer
from examples.system_design.load_balancing.simulation import (
    RATES,
    Scenario,
    simulate,
    summarize,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURE = "docs/system-design/figures/lb_tail_latency.svg"
UTILIZATIONS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
REQUESTS = 8_000
# Blind strategies give the slow server a quarter of the traffic; it saturates
# when utilization x sum(RATES) / 4 reaches its own rate.
SATURATES_AT = 4 * RATES[-1] / sum(RATES)


@functools.cache
def p99_ms() -> dict[str, list[float]]:
    """For each strategy, the p99 latency in ms at each utilization."""
    curves: dict[str, list[float]] = {}
    for strategy in STRATEGIES:
        for utilization in UTILIZATIONS:
            scenario = Scenario(RATES, utilization, requests=REQUESTS, seed=1)
            run = simulate(make_balancer(strategy, len(RATES), seed=2), scenario)
            curves.setdefault(run.balancer, []).append(summarize(run).p99_ms)
    return curves


def figure() -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), facecolor="white")
    ax = fig.add_subplot()
    styles = ["o-", "s--", "^-", "D-", "v:"]
    for (name, values), style in zip(p99_ms().items(), styles, strict=True):
        ax.plot([u * 100 for u in UTILIZATIONS], values, style, label=name)
    ax.axvline(SATURATES_AT * 100, color="gray", linewidth=1, linestyle=":")
    ax.annotate(
        "slow server saturates\nunder a blind 1/4 share",
        xy=(SATURATES_AT * 100, 500),
        xytext=(SATURATES_AT * 100 + 5, 350),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "gray"},
    )
    ax.set_yscale("log")
    ax.set_xlabel("utilization of the whole pool (%)")
    ax.set_ylabel("p99 latency (ms, log scale)")
    ax.set_title("3 servers at 100 req/s, 1 at 50 req/s: p99 latency by strategy")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=9, loc="upper left")
    return fig


if __name__ == "__main__":
    # --8<-- [start:summary]
    print(f"blind strategies overload the slow server from {SATURATES_AT:.0%}")
    #> blind strategies overload the slow server from 57%
    for name, values in p99_ms().items():
        print(f"{name}: p99 {values[2]:.0f} ms at 50%, {values[-1]:.0f} ms at 90%")
        #> round robin: p99 310 ms at 50%, 14604 ms at 90%
        #> random: p99 386 ms at 50%, 15381 ms at 90%
        #> least connections: p99 72 ms at 50%, 152 ms at 90%
        #> power of two choices: p99 89 ms at 50%, 180 ms at 90%
        #> consistent hash: p99 310 ms at 50%, 12277 ms at 90%
    # --8<-- [end:summary]
