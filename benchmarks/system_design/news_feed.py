"""News feed: fan-out on write against fan-out on read, timed on the real Redis.

The size is the author's follower count for a post, and the reader's followee
count for a read. Push pays per follower when posting and reads one timeline;
pull posts in constant time and merges one outbox per followee when reading.
Each row is the same operation at two sizes; rows come in push/pull pairs.
Wall time, because the work is round trips to Redis.

    .venv/bin/python benchmarks/system_design/news_feed.py
"""

from __future__ import annotations

import itertools

import redis

from benchmarks.timing import WALL_CLOCK, per_operation, quick_mode, report
from examples.data.redis.connection import redis_session
from examples.system_design.news_feed.graph import SocialGraph
from examples.system_design.news_feed.redis_feed import RedisFeed, member
from examples.system_design.news_feed.timelines import PULL, PUSH

SIZES = (10, 100) if quick_mode() else (100, 1_000)
OPS = 3 if quick_mode() else 20  # posts or reads timed per measurement
POSTS_PER_AUTHOR = 20  # what each followee has in their outbox before a read
_ids = itertools.count(1)


def fans(size: int) -> SocialGraph:
    """Author 0, followed by users 1..size."""
    return SocialGraph.from_edges(size + 1, [(u, 0) for u in range(1, size + 1)])


def idols(size: int) -> SocialGraph:
    """Reader 0, following authors 1..size."""
    return SocialGraph.from_edges(size + 1, [(0, a) for a in range(1, size + 1)])


def posting(client: redis.Redis, prefix: str, threshold: float):
    def workload(size: int):
        feed = RedisFeed(client, f"{prefix}{next(_ids)}:", fans(size), threshold)

        def run() -> None:
            for _ in range(OPS):
                feed.publish(0, next(_ids), "hello")

        return run, OPS

    return workload


def preload(feed: RedisFeed, size: int) -> None:
    """Give authors 1..size their posts in one pipeline, as publish() would leave them.

    Under push the reader's timeline gets the newest `cap` of them too.
    """
    ids = []
    with feed.client.pipeline(transaction=False) as pipe:
        for author in range(1, size + 1):
            mine = [next(_ids) for _ in range(POSTS_PER_AUTHOR)]
            ids += mine
            pipe.zadd(feed.outbox_key(author), {member(i): 0 for i in mine})
            for i in mine:
                pipe.hset(feed.post_key(i), mapping={"author": author, "text": "hi"})
        if not feed.pulled(1):
            ordered = sorted(ids)
            newest, older = ordered[-feed.cap :], ordered[: -feed.cap]
            # The trim marker, as the fan-out script leaves it: the largest id dropped.
            marker = "t" + member(older[-1] if older else newest[0])
            pipe.zadd(feed.timeline_key(0), {member(i): 0 for i in newest} | {marker: 0})
        pipe.execute()


def reading(client: redis.Redis, prefix: str, threshold: float):
    def workload(size: int):
        feed = RedisFeed(client, f"{prefix}{next(_ids)}:", idols(size), threshold)
        preload(feed, size)

        def run() -> None:
            for _ in range(OPS):
                feed.page(0, limit=20)

        return run, OPS

    return workload


if __name__ == "__main__":
    with redis_session("bench_news_feed") as (client, prefix):
        rows = [  # the claim: push pays per follower, pull per followee
            ("post, push (size = followers)", posting(client, prefix, PUSH), "O(n)"),
            ("post, pull (size = followers)", posting(client, prefix, PULL), "O(1)"),
            ("read, push (size = followees)", reading(client, prefix, PUSH), "O(1)"),
            ("read, pull (size = followees)", reading(client, prefix, PULL), "O(n)"),
        ]
        for label, workload, claim in rows:
            repeats = 1 if quick_mode() else 2
            comparison = per_operation(workload, SIZES, repeats=repeats, clock=WALL_CLOCK)
            report(label, comparison, claim=claim)
