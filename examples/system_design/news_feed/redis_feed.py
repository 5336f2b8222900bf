"""Home timelines in Redis sorted sets: pipelined fan-out, cursor pages, celebrity merge.

Keys under one prefix (see examples/data/redis/connection.py):

    {prefix}tl:{user}    the user's home timeline: post ids pushed to them
    {prefix}out:{author} the author's outbox: every post id they wrote
    {prefix}post:{id}    the post itself (a hash), read when a page is built

Every member of a sorted set has score 0 and is the post id written as 20
zero-padded digits. Equal scores sort by member, byte by byte, so members sort
by id, and ZRANGE ... BYLEX pages by id exactly. A score would not do: scores
are doubles, exact only up to 2**53, and 64-bit Snowflake ids are larger.
"""

# requires-server: redis

from __future__ import annotations

import heapq
from dataclasses import dataclass

import redis

from examples.system_design.news_feed.graph import SocialGraph

ID_DIGITS = 20  # 2**64 - 1 has 20 digits
MAX_LIMIT = 100


def member(post_id: int) -> str:
    if not 0 < post_id < 2**64:
        raise ValueError(f"post id must be in 1..2**64-1, got {post_id}")
    return f"{post_id:0{ID_DIGITS}d}"


@dataclass(frozen=True)
class Post:
    id: int
    author: int
    text: str


@dataclass(frozen=True)
class FeedPage:
    posts: list[Post]
    next_cursor: int | None


class RedisFeed:
    """The hybrid on Redis: threshold math.inf is pure push, 0 is pure pull."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str,
        graph: SocialGraph,
        threshold: float,
        cap: int = 800,
        batch: int = 500,
    ):
        if threshold < 0 or cap < 1 or batch < 1:
            raise ValueError("threshold must be >= 0, cap and batch >= 1")
        self.client, self.prefix, self.graph = client, prefix, graph
        self.threshold, self.cap, self.batch = threshold, cap, batch

    def timeline_key(self, user: int) -> str:
        return f"{self.prefix}tl:{user}"

    def outbox_key(self, author: int) -> str:
        return f"{self.prefix}out:{author}"

    def post_key(self, post_id: int) -> str:
        return f"{self.prefix}post:{post_id}"

    def pulled(self, author: int) -> bool:
        return self.graph.follower_count(author) >= self.threshold

    # --8<-- [start:publish]
    def publish(self, author: int, post_id: int, text: str) -> int:
        """Store the post and its outbox entry, then fan out. Returns timeline writes."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hset(self.post_key(post_id), mapping={"author": author, "text": text})
            pipe.zadd(self.outbox_key(author), {member(post_id): 0})
            pipe.execute()
        if self.pulled(author):
            return 0  # a celebrity: followers merge the outbox when they read
        return self.fan_out(author, post_id)

    def fan_out(self, author: int, post_id: int) -> int:
        """Add the id to every follower's timeline and trim it, `batch` per round trip."""
        followers, entry = self.graph.followers[author], member(post_id)
        for start in range(0, len(followers), self.batch):
            with self.client.pipeline(transaction=False) as pipe:
                for user in followers[start : start + self.batch]:
                    pipe.zadd(self.timeline_key(user), {entry: 0})
                    # Keep the newest `cap`: ranks ascend, so drop from rank 0.
                    pipe.zremrangebyrank(self.timeline_key(user), 0, -self.cap - 1)
                pipe.execute()
        return len(followers)

    # --8<-- [end:publish]

    # --8<-- [start:page]
    def page(self, user: int, limit: int = 20, cursor: int | None = None) -> FeedPage:
        """Posts older than `cursor`, newest first; deleted ones are skipped."""
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be in 1..{MAX_LIMIT}, got {limit}")
        bound = "+" if cursor is None else "(" + member(cursor)
        posts: list[Post] = []
        while len(posts) <= limit:  # one extra tells whether a next page exists
            want = limit + 1 - len(posts)
            ids = self._newest(user, bound, want)
            posts += self._live(ids)  # tombstones drop out: go round for more
            if len(ids) < want:
                break  # every source ran dry
            bound = "(" + member(ids[-1])
        more = len(posts) > limit
        return FeedPage(posts[:limit], posts[limit - 1].id if more else None)

    def _newest(self, user: int, bound: str, want: int) -> list[int]:
        """The newest `want` ids below `bound` across the timeline and celebrity outboxes."""
        follows = self.graph.following[user]
        stars = [a for a in follows if self.pulled(a)]
        timeline = self.timeline_key(user)
        with self.client.pipeline(transaction=False) as pipe:
            pipe.zrange(timeline, bound, "-", desc=True, bylex=True, offset=0, num=want)
            pipe.zcard(timeline)
            pipe.zrange(timeline, 0, 0)  # the oldest id it still holds
            for author in stars:
                key = self.outbox_key(author)
                pipe.zrange(key, bound, "-", desc=True, bylex=True, offset=0, num=want)
            cached, size, oldest, *outboxes = pipe.execute()
        if size >= self.cap and len(cached) < want:
            # The timeline may have been trimmed: below its oldest entry, read
            # the pushed authors' outboxes as well (only deep pages get here).
            below = min(bound, "(" + oldest[0]) if bound != "+" else "(" + oldest[0]
            with self.client.pipeline(transaction=False) as pipe:
                for author in follows:
                    if not self.pulled(author):
                        key = self.outbox_key(author)
                        pipe.zrange(
                            key, below, "-", desc=True, bylex=True, offset=0, num=want
                        )
                outboxes += pipe.execute()
        newest = heapq.nlargest(want, set(cached).union(*outboxes))
        return [int(entry) for entry in newest]

    def _live(self, ids: list[int]) -> list[Post]:
        """Read the posts; a tombstone or a missing post drops out of the page."""
        with self.client.pipeline(transaction=False) as pipe:
            for post_id in ids:
                pipe.hgetall(self.post_key(post_id))
            bodies = pipe.execute()
        return [
            Post(post_id, int(body["author"]), body["text"])
            for post_id, body in zip(ids, bodies, strict=True)
            if body and "deleted" not in body
        ]

    # --8<-- [end:page]

    # --8<-- [start:delete]
    def delete(self, post_id: int) -> None:
        """Tombstone the post: every copy already fanned out is skipped at once."""
        author = self.client.hget(self.post_key(post_id), "author")
        if author is None:
            raise KeyError(f"no post {post_id}")
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hset(self.post_key(post_id), mapping={"deleted": 1, "text": ""})
            pipe.zrem(self.outbox_key(int(author)), member(post_id))
            pipe.execute()

    def purge(self, post_id: int) -> int:
        """Later, in a worker: remove the copies. Costs as much as the fan-out."""
        author = int(self.client.hget(self.post_key(post_id), "author") or -1)
        if author < 0:
            raise KeyError(f"no post {post_id}")
        followers, entry = self.graph.followers[author], member(post_id)
        removed = 0
        for start in range(0, len(followers), self.batch):
            with self.client.pipeline(transaction=False) as pipe:
                for user in followers[start : start + self.batch]:
                    pipe.zrem(self.timeline_key(user), entry)
                removed += sum(pipe.execute())
        return removed

    def edit(self, post_id: int, text: str) -> None:
        """Timelines hold ids, not text: one write and every feed shows the edit."""
        key = self.post_key(post_id)
        with self.client.pipeline() as pipe:
            pipe.watch(key)  # a delete in between makes execute() raise WatchError
            author, deleted = pipe.hmget(key, "author", "deleted")
            if author is None or deleted is not None:
                raise KeyError(f"no live post {post_id}")
            pipe.multi()
            pipe.hset(key, mapping={"text": text, "edited": 1})
            pipe.execute()

    # --8<-- [end:delete]
