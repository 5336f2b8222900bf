"""Home timelines three ways, in memory, with every timeline write and source read counted.

One class covers all three strategies through `threshold`, the follower count
at which an author stops being pushed:

- fan-out on write (push): threshold = math.inf, every post goes into every
  follower's timeline;
- fan-out on read (pull): threshold = 0, nothing is copied and a read merges
  the outboxes (the authors' own post lists) of everyone the reader follows;
- hybrid: authors with fewer followers than the threshold are pushed, the
  celebrities above it are pulled and merged in at read time.

Post ids are time-ordered (Snowflake-style), so "newest first" is "largest id
first", and a cursor is the last id a page showed.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from examples.system_design.news_feed.graph import SocialGraph

PUSH, PULL = math.inf, 0
MAX_LIMIT = 100  # one request cannot ask for the whole feed


@dataclass(frozen=True)
class Page:
    post_ids: list[int]
    next_cursor: int | None  # pass back to get the next page; None at the end
    sources: int  # timelines and outboxes this read touched


def _newest_below(ids: list[int], bound: float) -> Iterator[int]:
    """Walk an ascending list from just below `bound` down to its oldest id."""
    for i in range(bisect.bisect_left(ids, bound) - 1, -1, -1):
        yield ids[i]


# --8<-- [start:feed]
class Timelines:
    """Outboxes for every author, capped timelines for the pushed part."""

    def __init__(self, graph: SocialGraph, threshold: float, cap: int = 800):
        if threshold < 0:
            raise ValueError(f"threshold must not be negative, got {threshold}")
        if cap < 1:
            raise ValueError(f"cap must be at least 1, got {cap}")
        self.graph, self.threshold, self.cap = graph, threshold, cap
        self.outbox: dict[int, list[int]] = {}  # author -> ids, ascending
        self.timeline: dict[int, list[int]] = {}  # reader -> newest `cap` ids
        self.author: dict[int, int] = {}
        self.tombstones: set[int] = set()
        self.timeline_writes = 0

    def pulled(self, author: int) -> bool:
        return self.graph.follower_count(author) >= self.threshold

    def _check_user(self, user: int) -> None:
        if not 0 <= user < self.graph.users:  # a negative index would wrap around
            raise ValueError(f"user must be in 0..{self.graph.users - 1}, got {user}")

    def post(self, author: int, post_id: int) -> int:
        """Store a post; fan it out unless its author is pulled. Returns writes."""
        self._check_user(author)
        if post_id in self.author or post_id < 1:
            raise ValueError(f"post id {post_id} is taken or not positive")
        self.author[post_id] = author
        bisect.insort(self.outbox.setdefault(author, []), post_id)
        if self.pulled(author):
            return 0
        for follower in self.graph.followers[author]:
            ids = self.timeline.setdefault(follower, [])
            bisect.insort(ids, post_id)
            if len(ids) > self.cap:
                del ids[0]  # trim: drop the oldest
        self.timeline_writes += self.graph.follower_count(author)
        return self.graph.follower_count(author)

    def delete(self, post_id: int) -> None:
        """Tombstone a post: reads skip it at once, copies are purged later."""
        if post_id not in self.author:
            raise KeyError(f"no post {post_id}")
        if post_id in self.tombstones:
            return  # deleting twice is deleting once
        self.tombstones.add(post_id)
        self.outbox[self.author[post_id]].remove(post_id)

    def feed(self, user: int, limit: int = 20, cursor: int | None = None) -> Page:
        """The newest `limit` posts older than `cursor`, merged from every source."""
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be in 1..{MAX_LIMIT}, got {limit}")
        self._check_user(user)
        bound = math.inf if cursor is None else cursor
        follows = self.graph.following[user]
        cached = self.timeline.get(user, [])
        sources = [self.outbox.get(a, []) for a in follows if self.pulled(a)]
        if len(cached) == self.cap:
            # A full timeline may have been trimmed: below its oldest entry,
            # pull the pushed authors too (rare: only deep pages get here).
            bound_old = min(bound, cached[0])
            pushed = [self.outbox.get(a, []) for a in follows if not self.pulled(a)]
            streams = [_newest_below(ids, bound_old) for ids in pushed]
        else:
            streams = []
        touched = len(sources) + len(streams) + (self.threshold > 0)
        streams += [_newest_below(ids, bound) for ids in [cached, *sources]]
        merged = heapq.merge(*streams, reverse=True)
        fresh = (i for i, _ in itertools.groupby(merged) if i not in self.tombstones)
        ids = list(itertools.islice(fresh, limit + 1))  # one extra: is there more?
        more = len(ids) > limit
        return Page(ids[:limit], ids[limit - 1] if more else None, touched)


# --8<-- [end:feed]


def brute_force_feed(
    graph: SocialGraph, authors: dict[int, int], deleted: set[int], user: int
) -> list[int]:
    """The whole feed by definition: followees' live posts, newest first."""
    follows = set(graph.following[user])
    return sorted(
        (p for p, a in authors.items() if a in follows and p not in deleted),
        reverse=True,
    )


def every_page(timelines: Timelines, user: int, limit: int) -> list[list[int]]:
    """Follow next_cursor from the first page to the last."""
    pages, cursor = [], None
    while True:
        page = timelines.feed(user, limit, cursor)
        pages.append(page.post_ids)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor
