"""Home timelines in Redis sorted sets: pipelined fan-out, cursor pages, celebrity merge.

Keys under one prefix (see examples/data/redis/connection.py):

    {prefix}tl:{user}    the user's home timeline: post ids pushed to them
    {prefix}out:{author} the author's outbox: every post id they wrote
    {prefix}post:{id}    the post itself (a hash), read when a page is built

Every member of a sorted set has score 0 and is the post id written as 20
zero-padded digits. Equal scores sort by member, byte by byte, so members sort
by id, and ZRANGE ... BYLEX pages by id exactly. A score would not do: scores
are doubles, exact only up to 2**53, and 64-bit Snowflake ids are larger.

Each timeline also holds one marker member, "t" + the largest id ever trimmed
from it. "t" sorts after every digit, so id ranges (bounded by TOP) never see
it, and it lives and is evicted with the timeline: ids above the marker are all
in the timeline; at or below it the read asks the outboxes.
"""

# requires-server: redis

from __future__ import annotations

import heapq
from dataclasses import dataclass

import redis

from examples.system_design.news_feed.graph import SocialGraph

ID_DIGITS = 20  # 2**64 - 1 has 20 digits
TOP = "[" + "9" * ID_DIGITS  # above every id, below every marker
MAX_LIMIT = 100
MAX_TEXT = 280  # characters: the requirement is a short text

# --8<-- [start:insert]
# Insert one id into a capped timeline. It never holds more than cap ids plus
# the marker: a sorted set that passes zset-max-listpack-entries even for a
# moment becomes a skiplist and never converts back. A script runs atomically,
# so concurrent fan-out workers cannot interleave inside it. A missing timeline
# (new, lost or evicted) starts with the marker at the new id: nothing older
# is known to be there. Assumes at most cap ids, which this script maintains.
INSERT = """
local tl, id, cap = KEYS[1], ARGV[1], tonumber(ARGV[2])
if redis.call('ZSCORE', tl, id) then return 0 end
local mark = redis.call('ZRANGE', tl, '+', '[t', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
if not mark then
  redis.call('ZADD', tl, 0, id, 0, 't' .. id)
  return 1
end
local out = nil
if redis.call('ZCARD', tl) - 1 < cap then
  redis.call('ZADD', tl, 0, id)
else
  out = redis.call('ZRANGE', tl, 0, 0)[1]
  if id > out then
    redis.call('ZREMRANGEBYRANK', tl, 0, 0)
    redis.call('ZADD', tl, 0, id)
  else
    out = id
  end
end
if out and 't' .. out > mark then
  redis.call('ZREM', tl, mark)
  redis.call('ZADD', tl, 0, 't' .. out)
end
return 1
"""
# --8<-- [end:insert]


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
        self.insert = client.register_script(INSERT)

    def timeline_key(self, user: int) -> str:
        return f"{self.prefix}tl:{user}"

    def outbox_key(self, author: int) -> str:
        return f"{self.prefix}out:{author}"

    def post_key(self, post_id: int) -> str:
        return f"{self.prefix}post:{post_id}"

    def pulled(self, author: int) -> bool:
        return self.graph.follower_count(author) >= self.threshold

    def timeline_ids(self, user: int) -> list[int]:
        """The ids a timeline holds, oldest first (the marker left out)."""
        return [
            int(m)
            for m in self.client.zrange(self.timeline_key(user), "-", TOP, bylex=True)
        ]

    def _check(self, user: int, text: str | None = None) -> None:
        if not 0 <= user < self.graph.users:
            raise ValueError(f"user must be in 0..{self.graph.users - 1}, got {user}")
        if text is not None and not 0 < len(text) <= MAX_TEXT:
            raise ValueError(f"text must be 1..{MAX_TEXT} characters, got {len(text)}")

    # --8<-- [start:publish]
    def publish(self, author: int, post_id: int, text: str) -> int:
        """Store the post and its outbox entry, then fan out. Returns timeline writes."""
        self._check(author, text)  # every check first: a refused post writes nothing
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hset(self.post_key(post_id), mapping={"author": author, "text": text})
            pipe.zadd(self.outbox_key(author), {member(post_id): 0})
            pipe.execute()
        if self.pulled(author):
            return 0  # a celebrity: followers merge the outbox when they read
        return self.fan_out(author, post_id)

    def fan_out(self, author: int, post_id: int) -> int:
        """Insert the id into every follower's capped timeline, `batch` per round trip."""
        followers, entry = self.graph.followers[author], member(post_id)
        for start in range(0, len(followers), self.batch):
            with self.client.pipeline(transaction=False) as pipe:
                for user in followers[start : start + self.batch]:
                    self.insert(
                        [self.timeline_key(user)], [entry, self.cap], client=pipe
                    )
                pipe.execute()
        return len(followers)

    # --8<-- [end:publish]

    # --8<-- [start:page]
    def page(self, user: int, limit: int = 20, cursor: int | None = None) -> FeedPage:
        """Posts older than `cursor`, newest first; deleted ones are skipped."""
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be in 1..{MAX_LIMIT}, got {limit}")
        self._check(user)
        bound = TOP if cursor is None else "(" + member(cursor)
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
            pipe.zrange(timeline, "+", "[t", desc=True, bylex=True, offset=0, num=1)
            for author in stars:
                key = self.outbox_key(author)
                pipe.zrange(key, bound, "-", desc=True, bylex=True, offset=0, num=want)
            cached, marks, *outboxes = pipe.execute()
        # No marker: no timeline (lost, evicted or never built), so trust none of
        # it. Otherwise ids above the marker are all here; at or below it, ask
        # the pushed authors' outboxes too (deep pages only).
        mark = marks[0][1:] if marks else None
        if mark is None or len(cached) < want or cached[-1] <= mark:
            below = (
                bound if mark is None else min(bound, "[" + mark, key=lambda b: b[1:])
            )
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
        if self.pulled(author):
            return 0  # never fanned out: no copies to remove
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
        if not 0 < len(text) <= MAX_TEXT:
            raise ValueError(f"text must be 1..{MAX_TEXT} characters, got {len(text)}")
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
