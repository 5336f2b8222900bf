"""Figure: the Zipf graph, and timeline writes per post against the author's followers.

Left: follower count by rank on log-log axes, with the 1/rank line through
the top account. Right: every post of the simulated day, replayed under push
and under the chosen hybrid threshold; pull writes no timeline at all.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from examples.system_design.news_feed.graph import (
    SocialGraph,
    ranked_follower_counts,
    zipf_graph,
)
from examples.system_design.news_feed.simulation import POSTS, READS, SEED, USERS, day
from examples.system_design.news_feed.timelines import PUSH, Timelines

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURE = "docs/system-design/figures/news-feed-write-amplification.svg"
HYBRID_THRESHOLD = 3_000  # what simulation.py picks; its test checks the two agree


def writes_per_post(graph: SocialGraph, threshold: float) -> list[tuple[int, int]]:
    """(author's followers, timeline writes) for each post of the day."""
    feeds = Timelines(graph, threshold)
    events = day(graph, POSTS, READS, seed=SEED)
    return [
        (graph.follower_count(author), feeds.post(author, post_id))
        for kind, author, post_id in events
        if kind == "post"
    ]


def thin(points: list[tuple[int, int]], bins: int = 40) -> list[tuple[int, int]]:
    """One point per log-spaced bin of followers (its largest), and every 0 write."""
    kept: dict[object, tuple[int, int]] = {}
    for followers, writes in points:  # ascending, so the last in a bin is its largest
        key = (
            ("zero", followers)
            if writes == 0
            else round(bins * math.log10(followers) / 4)
        )
        kept[key] = (followers, writes)
    return sorted(kept.values())


def figure() -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    plain = FuncFormatter(lambda value, _: f"{value:,.0f}")
    graph = zipf_graph(USERS, seed=SEED)
    counts = ranked_follower_counts(graph)
    fig = Figure(figsize=(7.5, 3.8), facecolor="white")
    left, right = fig.subplots(1, 2)

    followed = [c for c in counts if c > 0]  # a log axis has no room for 0
    # About 40 log-spaced ranks instead of every account keeps the SVG small.
    ranks = sorted({round(len(followed) ** (i / 40)) for i in range(41)})
    left.loglog(
        ranks, [followed[r - 1] for r in ranks], ".", markersize=4, label="accounts"
    )
    mid = 100  # a 1/rank line through rank 100, to compare the slope
    ends = [1, len(followed)]
    left.loglog(ends, [followed[mid - 1] * mid / r for r in ends], "--", color="gray")
    left.lines[-1].set_label("slope of 1/rank")
    left.set_xlabel("account rank")
    left.set_ylabel("followers")
    left.set_title("Follower counts by rank")
    left.legend(frameon=False)

    push = thin(sorted(set(writes_per_post(graph, PUSH))))
    hybrid = thin(sorted(set(writes_per_post(graph, HYBRID_THRESHOLD))))
    right.plot(*zip(*push, strict=True), "o", markersize=4, label="push")
    right.plot(
        *zip(*hybrid, strict=True), "x", markersize=4, label="hybrid", color="C3"
    )
    right.axhline(0, color="C2", linewidth=2, label="pull")
    right.axvline(HYBRID_THRESHOLD, color="gray", linestyle=":", linewidth=1)
    right.text(HYBRID_THRESHOLD * 0.9, 3, "threshold", fontsize=8, ha="right")
    right.set_xscale("log")
    right.set_yscale("symlog", linthresh=1)
    right.set_ylim(-0.2, push[-1][1] * 3)
    right.set_xlabel("author's followers")
    right.set_ylabel("timeline writes per post")
    right.set_title("Write amplification")
    right.legend(frameon=False, loc="upper left", fontsize="small")
    for axes in (left, right):
        axes.xaxis.set_major_formatter(plain)
        axes.yaxis.set_major_formatter(plain)
        axes.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    pairs = writes_per_post(zipf_graph(USERS, seed=SEED), HYBRID_THRESHOLD)
    pulled = sum(1 for followers, _ in pairs if followers >= HYBRID_THRESHOLD)
    print(f"posts {len(pairs):,}, by pulled authors {pulled}")
    #> posts 10,000, by pulled authors 1
