"""A seeded social graph whose follower counts follow a power law.

Each user follows a number of accounts drawn from a Pareto tail (most follow a
few, some follow hundreds), and each follow picks its target with probability
proportional to 1 / rank**exponent, the Zipf law. So the account of rank r
gets about C / r**exponent followers, and a handful of celebrities are followed
by a large share of everyone. The seed fixes who has which rank and who
follows whom, so every run builds the same graph.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SocialGraph:
    """Who follows whom, stored both ways as a real system stores it."""

    followers: tuple[tuple[int, ...], ...]  # followers[a]: who receives a's posts
    following: tuple[tuple[int, ...], ...]  # following[u]: whose posts u reads

    @property
    def users(self) -> int:
        return len(self.followers)

    def follower_count(self, user: int) -> int:
        return len(self.followers[user])

    @classmethod
    def from_edges(cls, users: int, edges: Sequence[tuple[int, int]]) -> SocialGraph:
        """Build from (follower, followee) pairs; refuse self-follows and repeats."""
        if users < 1:
            raise ValueError(f"users must be at least 1, got {users}")
        followers: list[list[int]] = [[] for _ in range(users)]
        following: list[list[int]] = [[] for _ in range(users)]
        for follower, followee in edges:
            if not (0 <= follower < users and 0 <= followee < users):
                raise ValueError(f"edge {(follower, followee)} names an unknown user")
            if follower == followee:
                raise ValueError(f"user {follower} cannot follow themselves")
            followers[followee].append(follower)
            following[follower].append(followee)
        if len(set(edges)) != len(edges):
            raise ValueError("an edge appears twice")
        return cls(
            tuple(tuple(sorted(f)) for f in followers),
            tuple(tuple(sorted(f)) for f in following),
        )


# --8<-- [start:zipf_graph]
def zipf_graph(
    users: int,
    *,
    seed: int,
    exponent: float = 1.0,
    min_following: int = 5,
    max_following: int = 500,
    following_tail: float = 1.5,
) -> SocialGraph:
    """Draw a graph: follow counts from a Pareto tail, targets by Zipf rank."""
    if users < 2:
        raise ValueError(f"users must be at least 2, got {users}")
    if exponent <= 0 or following_tail <= 0:
        raise ValueError("exponent and following_tail must be positive")
    if not 1 <= min_following <= max_following < users:
        raise ValueError("need 1 <= min_following <= max_following < users")
    rng = random.Random(seed)
    by_rank = list(range(users))
    rng.shuffle(by_rank)  # by_rank[r] is the account of rank r + 1
    weights = [1 / rank**exponent for rank in range(1, users + 1)]
    cumulative = list(itertools.accumulate(weights))
    edges: list[tuple[int, int]] = []
    for user in range(users):
        tail = min_following * rng.paretovariate(following_tail)
        wanted = min(max_following, int(tail))
        targets: set[int] = set()
        while len(targets) < wanted:  # redraw repeats and self-follows
            pick = rng.random() * cumulative[-1]
            target = by_rank[bisect.bisect_left(cumulative, pick)]
            if target != user:
                targets.add(target)
        edges.extend((user, target) for target in sorted(targets))
    return SocialGraph.from_edges(users, edges)


# --8<-- [end:zipf_graph]


def ranked_follower_counts(graph: SocialGraph) -> list[int]:
    """Follower counts, largest first: rank 1 is the biggest celebrity."""
    return sorted((len(f) for f in graph.followers), reverse=True)


if __name__ == "__main__":
    graph = zipf_graph(20_000, seed=7)
    counts = ranked_follower_counts(graph)
    follows = sum(counts)
    print(f"users {graph.users:,}, follows {follows:,}")
    #> users 20,000, follows 275,243
    for rank in (1, 10, 100, 1_000, 10_000):
        print(f"rank {rank:>6,}: {counts[rank - 1]:>6,} followers")
        #> rank      1: 11,854 followers
        #> rank     10:  2,337 followers
        #> rank    100:    310 followers
        #> rank  1,000:     32 followers
        #> rank 10,000:      3 followers
