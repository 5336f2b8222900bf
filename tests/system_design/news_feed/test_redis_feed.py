"""The Redis hybrid on a real server: same feed as the brute force, safe under concurrent fan-out."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.data.redis.connection import connect, key_prefix, redis_session
from examples.system_design.news_feed.graph import SocialGraph
from examples.system_design.news_feed.redis_feed import MAX_TEXT, RedisFeed, member
from examples.system_design.news_feed.timelines import PULL, PUSH, brute_force_feed

GRAPH = SocialGraph.from_edges(4, [(1, 0), (2, 0), (3, 0), (2, 1), (3, 1)])


@pytest.fixture
def rp(redis_url: str) -> Iterator[tuple[redis.Redis, str]]:
    with redis_session("test_news_feed", redis_url) as session:
        yield session


def all_pages(feed: RedisFeed, user: int, limit: int) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        page = feed.page(user, limit, cursor)
        pages.append([p.id for p in page.posts])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


@st.composite
def scenarios(draw: st.DrawFn) -> tuple:
    users = draw(st.integers(2, 5))
    pairs = [(u, a) for u in range(users) for a in range(users) if u != a]
    graph = SocialGraph.from_edges(users, draw(st.lists(st.sampled_from(pairs), unique=True)))
    ids = draw(st.lists(st.integers(1, 2**63), unique=True, max_size=15))
    authors = {pid: draw(st.integers(0, users - 1)) for pid in ids}
    deleted = draw(st.sets(st.sampled_from(ids))) if ids else set()
    purged = draw(st.sets(st.sampled_from(sorted(deleted)))) if deleted else set()
    evicted = draw(st.sets(st.integers(0, users - 1)))  # timelines lost before the reads
    return graph, authors, deleted, purged, evicted, draw(st.integers(1, 4)), draw(st.integers(1, 4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenarios(), st.sampled_from([PUSH, PULL, 1, 2]))
def test_redis_pages_equal_the_brute_force_feed(redis_url: str, scenario: tuple, threshold: float) -> None:
    graph, authors, deleted, purged, evicted, cap, limit = scenario
    with connect(redis_url) as client, key_prefix(client, "test_news_feed_prop") as prefix:
        feed = RedisFeed(client, prefix, graph, threshold, cap=cap, batch=2)
        for pid, author in authors.items():
            feed.publish(author, pid, f"post {pid}")
        for pid in deleted:
            feed.delete(pid)
        for pid in purged:
            feed.purge(pid)
        for user in evicted:
            client.delete(feed.timeline_key(user))
        for user in range(graph.users):
            pages = all_pages(feed, user, limit)
            assert [pid for page in pages for pid in page] == brute_force_feed(graph, authors, deleted, user)
            assert all(len(page) == limit for page in pages[:-1])


def test_members_sort_by_id_even_past_two_to_the_53(rp) -> None:
    client, prefix = rp
    big = 2**63 + 1
    assert float(big) == float(big + 1)  # a score could not tell them apart
    client.zadd(f"{prefix}z", {member(big + 1): 0, member(big): 0, member(7): 0})
    assert client.zrange(f"{prefix}z", 0, -1) == [member(7), member(big), member(big + 1)]


def test_fan_out_trims_every_timeline_to_the_cap(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH, cap=3, batch=1)
    for pid in range(1, 8):
        assert feed.publish(0, pid, "x") == 3
    for user in (1, 2, 3):
        assert feed.timeline_ids(user) == [5, 6, 7]
    assert [p.id for p in feed.page(2, limit=5).posts] == [7, 6, 5, 4, 3]  # older: from the outbox


def test_a_purge_below_the_cap_loses_no_older_post(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH, cap=3)
    for pid in range(1, 6):
        feed.publish(1, pid, "x")
    feed.delete(5)
    assert feed.purge(5) == 2
    assert feed.timeline_ids(2) == [3, 4]  # below the cap now, but it was trimmed
    assert [p.id for p in feed.page(2).posts] == [4, 3, 2, 1]


def test_a_lost_timeline_reads_from_the_outboxes(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH, cap=3)
    for pid in range(1, 6):
        feed.publish(1, pid, "x")
    client.delete(feed.timeline_key(2))  # evicted, or its node lost
    assert [p.id for p in feed.page(2).posts] == [5, 4, 3, 2, 1]
    feed.publish(1, 6, "x")  # the fan-out starts a new timeline: only 6 is known
    assert [p.id for p in feed.page(2).posts] == [6, 5, 4, 3, 2, 1]


def test_the_fan_out_keeps_a_timeline_of_cap_127_a_listpack(rp) -> None:
    client, prefix = rp
    limit = int(client.config_get("zset-max-listpack-entries")["zset-max-listpack-entries"])
    feed = RedisFeed(client, prefix, GRAPH, PUSH, cap=limit - 1)  # the marker is one member
    for pid in range(1, limit + 100):
        feed.fan_out(1, pid)
    assert client.object("ENCODING", feed.timeline_key(2)) == "listpack"
    assert len(feed.timeline_ids(2)) == limit - 1


def test_the_celebrity_is_never_fanned_out_but_always_read(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, threshold=3)
    assert feed.publish(0, 1, "celebrity") == 0
    assert feed.publish(1, 2, "ordinary") == 2
    assert feed.timeline_ids(2) == [2]
    assert [(p.id, p.author) for p in feed.page(2).posts] == [(2, 1), (1, 0)]


def test_a_page_skips_tombstones_and_still_fills_up(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH)
    for pid in range(1, 11):
        feed.publish(1, pid, f"post {pid}")
    for pid in (10, 9, 8, 6):
        feed.delete(pid)
    page = feed.page(2, limit=3)
    assert [p.id for p in page.posts] == [7, 5, 4]
    assert page.next_cursor == 4
    assert feed.purge(10) == 2
    assert client.zscore(feed.timeline_key(2), member(10)) is None
    assert client.hget(feed.post_key(10), "text") == ""  # the words are gone at once


def test_an_edit_shows_everywhere_and_a_deleted_post_cannot_be_edited(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH)
    feed.publish(1, 1, "helo")
    feed.edit(1, "hello")
    assert [p.text for p in feed.page(2).posts] == ["hello"]
    assert [p.text for p in feed.page(3).posts] == ["hello"]
    feed.delete(1)
    with pytest.raises(KeyError, match="no live post 1"):
        feed.edit(1, "back")
    with pytest.raises(KeyError, match="no post 5"):
        feed.delete(5)
    with pytest.raises(KeyError, match="no post 5"):
        feed.purge(5)


def test_bad_input_is_refused(rp) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH)
    with pytest.raises(ValueError, match="limit"):
        feed.page(2, limit=0)
    with pytest.raises(ValueError, match="post id"):
        feed.publish(1, 0, "zero")
    with pytest.raises(ValueError, match="post id"):
        member(2**64)
    with pytest.raises(ValueError, match="cap"):
        RedisFeed(client, prefix, GRAPH, PUSH, cap=0)
    for author in (-1, 4):  # -1 would index from the end of the follower lists
        with pytest.raises(ValueError, match=r"user must be in 0\.\.3"):
            feed.publish(author, 1, "x")
    with pytest.raises(ValueError, match=r"user must be in 0\.\.3"):
        feed.page(-1)
    with pytest.raises(ValueError, match=r"text must be 1\.\.280 characters"):
        feed.publish(1, 1, "x" * (MAX_TEXT + 1))
    with pytest.raises(ValueError, match="text must be"):
        feed.publish(1, 1, "")
    assert list(client.scan_iter(match=prefix + "*")) == []  # nothing half-written
    feed.publish(1, 1, "x")
    with pytest.raises(ValueError, match="text must be"):
        feed.edit(1, "x" * (MAX_TEXT + 1))


def test_purging_a_pulled_authors_post_sends_no_zrem(rp, monkeypatch: pytest.MonkeyPatch) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, threshold=3)  # user 0 (3 followers) is pulled
    feed.publish(0, 1, "celebrity")
    feed.delete(1)
    sent = []
    original = redis.client.Pipeline.zrem
    monkeypatch.setattr(redis.client.Pipeline, "zrem", lambda pipe, *a: sent.append(a) or original(pipe, *a))
    assert feed.purge(1) == 0
    assert sent == []


def test_a_delete_between_watch_and_exec_makes_the_edit_fail(rp, monkeypatch: pytest.MonkeyPatch) -> None:
    client, prefix = rp
    feed = RedisFeed(client, prefix, GRAPH, PUSH)
    feed.publish(1, 1, "helo")
    original = redis.client.Pipeline.multi

    def delete_then_multi(pipe: redis.client.Pipeline) -> None:
        feed.delete(1)  # another connection, after WATCH and the read, before EXEC
        original(pipe)

    monkeypatch.setattr(redis.client.Pipeline, "multi", delete_then_multi)
    with pytest.raises(redis.WatchError):
        feed.edit(1, "hello")
    monkeypatch.undo()
    assert client.hgetall(feed.post_key(1)) == {"author": "1", "text": "", "deleted": "1"}
    assert feed.page(2).posts == []


def test_concurrent_fan_outs_leave_each_timeline_with_the_newest_cap(rp, redis_url: str) -> None:
    client, prefix = rp
    followers = list(range(1, 41))
    authors = [0, 41, 42, 43]
    edges = [(f, a) for a in authors for f in followers]
    graph = SocialGraph.from_edges(44, edges)
    cap = 25

    def worker(author: int) -> None:
        with connect(redis_url) as own:  # one client per thread, as one per worker
            feed = RedisFeed(own, prefix, graph, PUSH, cap=cap, batch=7)
            for n in range(30):
                feed.publish(author, 1 + n * len(authors) + authors.index(author), "x")

    threads = [threading.Thread(target=worker, args=(a,)) for a in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    newest = list(range(120 - cap + 1, 121))
    feed = RedisFeed(client, prefix, graph, PUSH, cap=cap)
    for user in followers:
        assert feed.timeline_ids(user) == newest
