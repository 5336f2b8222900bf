"""Figure: load spread on a 10-node ring against virtual nodes per node.

Twenty clusters of 10 nodes each (differently named, so their tokens differ),
at each vnode count from 1 to 1,000. Load is each node's exact share of the
hash space, so the only randomness is where the tokens fall.

With n nodes of v random tokens each, a node's share is a sum of v of the n * v
gaps between tokens, and its mean squared CV is (n - 1) / (n * v + 1): the right
panel compares the measured root mean square with that curve.
"""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING

from examples.system_design.partitioning.measure import Spread, spread
from examples.system_design.partitioning.ring import HashRing

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURE = "docs/system-design/figures/ring_balance.svg"
VNODES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
CLUSTERS = 20
NODES_PER_CLUSTER = 10


def spreads() -> dict[int, list[Spread]]:
    """vnodes -> the spread of each of the CLUSTERS rings."""
    result: dict[int, list[Spread]] = {}
    for vnodes in VNODES:
        result[vnodes] = []
        for cluster in range(CLUSTERS):
            nodes = [f"c{cluster}-node-{i}" for i in range(NODES_PER_CLUSTER)]
            result[vnodes].append(
                spread(HashRing(nodes, vnodes=vnodes).ownership().values())
            )
    return result


def expected_cv(vnodes: int, nodes: int = NODES_PER_CLUSTER) -> float:
    """The root-mean-square CV of per-node load for random tokens."""
    return math.sqrt((nodes - 1) / (nodes * vnodes + 1))


def figure() -> Figure:
    """Two panels: busiest node / mean (median and range), and CV against its expected value."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    plain = FuncFormatter(lambda value, _: f"{value:g}")  # 1000, not 10^3
    data = spreads()
    ratios = {v: sorted(s.max_over_mean for s in data[v]) for v in VNODES}
    cvs = {v: math.sqrt(statistics.fmean(s.cv**2 for s in data[v])) for v in VNODES}

    fig = Figure(figsize=(7, 4), facecolor="white")
    left, right = fig.subplots(1, 2)
    left.fill_between(
        VNODES,
        [ratios[v][0] for v in VNODES],
        [ratios[v][-1] for v in VNODES],
        color="tab:blue",
        alpha=0.2,
        label=f"range over {CLUSTERS} clusters",
    )
    left.plot(
        VNODES,
        [statistics.median(ratios[v]) for v in VNODES],
        "o-",
        color="tab:blue",
        label="median",
    )
    left.axhline(1.0, color="gray", linewidth=0.8, linestyle=":")
    left.set_xscale("log")
    left.set_xlabel("virtual nodes per node")
    left.set_ylabel("busiest node's load / mean load")
    left.set_title("Hottest node, 10-node ring")
    left.legend(frameon=False)

    right.plot(
        VNODES,
        [cvs[v] for v in VNODES],
        "o-",
        color="tab:orange",
        label=f"measured (rms of {CLUSTERS})",
    )
    right.plot(
        VNODES,
        [expected_cv(v) for v in VNODES],
        "--",
        color="gray",
        label="expected, about 0.95/sqrt(v)",
    )
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("virtual nodes per node")
    right.set_ylabel("coefficient of variation of load")
    right.set_title("Spread falls as 1/sqrt(v)")
    right.legend(frameon=False, loc="lower left")
    right.yaxis.set_major_formatter(plain)
    for axes in (left, right):
        axes.xaxis.set_major_formatter(plain)
        axes.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    data = spreads()
    print(f"busiest node / mean over {CLUSTERS} rings of 10: median (min-max)")
    #> busiest node / mean over 20 rings of 10: median (min-max)
    for v in (1, 10, 100, 1000):
        ratios = sorted(s.max_over_mean for s in data[v])
        median = statistics.median(ratios)
        print(f"v={v:<5} {median:.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f})")
        #> v=1     2.57 (1.43-4.07)
        #> v=10    1.56 (1.31-2.10)
        #> v=100   1.15 (1.08-1.27)
        #> v=1000  1.05 (1.02-1.10)
