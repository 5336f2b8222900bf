"""A seeded day of posts and feed reads on a Zipf graph, replayed under each strategy.

Everything printed is a count (timeline writes, sources touched, cache entries),
so the numbers are the same on every machine. Times live in the benchmark.
"""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass

from examples.system_design.news_feed.graph import SocialGraph, zipf_graph
from examples.system_design.news_feed.timelines import PULL, PUSH, Timelines

USERS = 10_000
POSTS = 10_000  # one post per user on average
READS = 10_000  # first-page reads by users drawn uniformly
SEED = 7
# The hybrid's rule: pull the fewest accounts such that the p99 read still
# touches at most this many sources (its timeline plus celebrity outboxes).
READ_BUDGET = 5
THRESHOLDS = (PUSH, 5_000, 3_000, 2_000, 1_000, 500, 200, 100, PULL)

Event = tuple[str, int, int]  # ("post", author, post id) or ("read", user, 0)


@dataclass(frozen=True)
class Costs:
    threshold: float
    writes_mean: float  # timeline writes per post
    writes_max: int  # "max today": the costliest post of the simulated day
    worst_case: int  # "worst possible": followers of the largest account still pushed
    celebrity_writes: int  # one post by the most-followed account
    reads_mean: float  # timelines and outboxes touched per feed read
    reads_p99: int
    entries: int  # timeline cache entries at the end of the day
    pulled_accounts: int


def p99(values: list[int]) -> int:
    """Nearest-rank 99th percentile: 99% of values are at or below it."""
    if not values:
        raise ValueError("p99 of no values")
    ordered = sorted(values)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def day(graph: SocialGraph, posts: int, reads: int, seed: int) -> list[Event]:
    """Posts by uniformly drawn authors and reads by uniformly drawn users, shuffled."""
    if posts < 1 or reads < 1:
        raise ValueError("need at least one post and one read")
    rng = random.Random(seed)
    events: list[Event] = []
    kinds = ["post"] * posts + ["read"] * reads
    rng.shuffle(kinds)
    next_id = 1
    for kind in kinds:
        if kind == "post":
            events.append(("post", rng.randrange(graph.users), next_id))
            next_id += 1
        else:
            events.append(("read", rng.randrange(graph.users), 0))
    return events


# --8<-- [start:measure]
def measure(graph: SocialGraph, events: list[Event], threshold: float) -> Costs:
    """Replay the day under one threshold; count what each post and read cost."""
    feeds = Timelines(graph, threshold)
    writes, sources = [], []
    for kind, user, post_id in events:
        if kind == "post":
            writes.append(feeds.post(user, post_id))
        else:
            sources.append(feeds.feed(user, limit=20).sources)
    top = max(range(graph.users), key=graph.follower_count)
    celebrity = feeds.post(top, len(events) + 1)  # after the day, not counted
    return Costs(
        threshold=threshold,
        writes_mean=statistics.fmean(writes),
        writes_max=max(writes),
        worst_case=max(
            (
                graph.follower_count(a)
                for a in range(graph.users)
                if not feeds.pulled(a)
            ),
            default=0,
        ),
        celebrity_writes=celebrity,
        reads_mean=statistics.fmean(sources),
        reads_p99=p99(sources),
        entries=sum(len(ids) for ids in feeds.timeline.values()),
        pulled_accounts=sum(feeds.pulled(a) for a in range(graph.users)),
    )


def pick_threshold(rows: list[Costs], read_budget: int) -> Costs:
    """The lowest threshold (smallest worst-case fan-out) within the read budget."""
    fits = [r for r in rows if r.reads_p99 <= read_budget]
    if not fits:
        raise ValueError(f"no threshold keeps p99 reads within {read_budget}")
    return min(fits, key=lambda r: r.threshold)


# --8<-- [end:measure]


def label(threshold: float) -> str:
    return {PUSH: "push", PULL: "pull"}.get(threshold, f"{threshold:,.0f}")


if __name__ == "__main__":
    graph = zipf_graph(USERS, seed=SEED)
    events = day(graph, POSTS, READS, seed=SEED)
    rows = [measure(graph, events, t) for t in THRESHOLDS]
    chosen = pick_threshold(rows, READ_BUDGET)
    # --8<-- [start:strategies]
    print("strategy  writes/post  max today  celebrity  reads  p99  entries")
    #> strategy  writes/post  max today  celebrity  reads  p99  entries
    for name, r in [("push", rows[0]), ("pull", rows[-1]), ("hybrid", chosen)]:
        line = (
            f"{name:<8} {r.writes_mean:>12.2f} {r.writes_max:>10,} "
            f"{r.celebrity_writes:>10,} {r.reads_mean:>6.2f} {r.reads_p99:>4} "
            f"{r.entries:>8,}"
        )
        print(line)
        #> push            12.22      6,141      6,141   1.00    1  128,343
        #> pull             0.00          0          0  13.46   90        0
        #> hybrid          11.61      2,197          0   2.37    4  116,061
    # --8<-- [end:strategies]
    # --8<-- [start:thresholds]
    print("threshold  pulled  writes/post  worst possible  reads  p99  entries")
    #> threshold  pulled  writes/post  worst possible  reads  p99  entries
    for r in rows:
        line = (
            f"{label(r.threshold):>9} {r.pulled_accounts:>7,} "
            f"{r.writes_mean:>12.2f} {r.worst_case:>15,} {r.reads_mean:>6.2f} "
            f"{r.reads_p99:>4} {r.entries:>8,}"
        )
        print(line)
        #>      push       0        12.22           6,141   1.00    1  128,343
        #>     5,000       1        11.61           4,282   1.61    2  116,061
        #>     3,000       3        11.61           2,571   2.37    4  116,061
        #>     2,000       5        11.39           1,802   2.85    6  113,864
        #>     1,000      13        10.62             925   3.92   12  106,179
        #>       500      28         9.48             489   4.93   20   94,797
        #>       200      78         7.91             199   6.41   31   79,052
        #>       100     163         6.96              99   7.58   40   69,599
        #>      pull  10,000         0.00               0  13.46   90        0
    print(f"chosen: pull accounts with {label(chosen.threshold)}+ followers")
    #> chosen: pull accounts with 3,000+ followers
    # --8<-- [end:thresholds]
