"""Push, pull and hybrid return the brute-force feed, page by page, and count their work."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.news_feed.graph import SocialGraph
from examples.system_design.news_feed.timelines import (
    PULL,
    PUSH,
    Timelines,
    brute_force_feed,
    every_page,
)

# User 0 is followed by everyone; user 1 by users 2 and 3.
GRAPH = SocialGraph.from_edges(4, [(1, 0), (2, 0), (3, 0), (2, 1), (3, 1)])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple:
    """A random graph, posts in any id order (as concurrent writers deliver them), deletes."""
    users = draw(st.integers(2, 6))
    pairs = [(u, a) for u in range(users) for a in range(users) if u != a]
    graph = SocialGraph.from_edges(users, draw(st.lists(st.sampled_from(pairs), unique=True)))
    ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=25))
    ops: list[tuple[str, int, int]] = [("post", pid, draw(st.integers(0, users - 1))) for pid in ids]
    for pid in draw(st.sets(st.sampled_from(ids))) if ids else set():
        after = next(i for i, op in enumerate(ops) if op[1] == pid)
        ops.insert(draw(st.integers(after + 1, len(ops))), ("delete", pid, -1))
    return graph, ops, draw(st.integers(1, 6)), draw(st.integers(1, 5))


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from([1, 2, 3]))
def test_every_strategy_pages_through_the_brute_force_feed(scenario: tuple, hybrid: int) -> None:
    graph, ops, cap, limit = scenario
    authors = {pid: author for kind, pid, author in ops if kind == "post"}
    deleted = {pid for kind, pid, _ in ops if kind == "delete"}
    for threshold in (PUSH, PULL, hybrid):
        feeds = Timelines(graph, threshold, cap=cap)
        for kind, pid, author in ops:
            feeds.post(author, pid) if kind == "post" else feeds.delete(pid)
        for user in range(graph.users):
            expected = brute_force_feed(graph, authors, deleted, user)
            pages = every_page(feeds, user, limit)
            assert [pid for page in pages for pid in page] == expected, (threshold, user)
            assert all(len(page) == limit for page in pages[:-1])
            assert pages[0] == expected[:limit]


def test_push_writes_once_per_follower_and_pull_writes_nothing() -> None:
    counts = {t: Timelines(GRAPH, t).post(0, 1) for t in (PUSH, PULL, 3, 4)}
    assert counts == {PUSH: 3, PULL: 0, 3: 0, 4: 3}  # user 0 has 3 followers


def test_a_read_touches_one_timeline_plus_each_pulled_account() -> None:
    assert Timelines(GRAPH, PUSH).feed(2).sources == 1
    assert Timelines(GRAPH, PULL).feed(2).sources == 2  # two outboxes, no timeline
    assert Timelines(GRAPH, 3).feed(2).sources == 2  # timeline + user 0's outbox


def test_the_celebrity_post_is_merged_in_at_read_time() -> None:
    feeds = Timelines(GRAPH, threshold=3)
    feeds.post(1, 10)
    feeds.post(0, 11)  # pulled: written to user 0's outbox only
    feeds.post(1, 12)
    assert feeds.timeline[2] == [10, 12]
    assert feeds.feed(2).post_ids == [12, 11, 10]


def test_a_timeline_keeps_the_newest_cap_and_older_pages_come_from_outboxes() -> None:
    feeds = Timelines(GRAPH, PUSH, cap=2)
    for pid in (1, 2, 3, 4, 5):
        feeds.post(1, pid)
    assert feeds.timeline[2] == [4, 5]
    page = feeds.feed(2, limit=2, cursor=4)
    assert page.post_ids == [3, 2]
    assert page.sources == 3  # the timeline and both outboxes, past the cache


def test_a_cursor_marks_a_place_that_new_posts_do_not_move() -> None:
    feeds = Timelines(GRAPH, PUSH)
    for pid in (1, 2, 3):
        feeds.post(1, pid)
    first = feeds.feed(2, limit=2)
    feeds.post(1, 4)  # arrives between the two page reads
    assert (first.post_ids, feeds.feed(2, limit=2, cursor=first.next_cursor).post_ids) == ([3, 2], [1])


def test_a_deleted_post_disappears_from_feeds_that_already_hold_it() -> None:
    feeds = Timelines(GRAPH, PUSH)
    for pid in (1, 2, 3):
        feeds.post(1, pid)
    feeds.delete(2)
    feeds.delete(2)  # twice is once
    assert 2 in feeds.timeline[2]  # the copy is still there...
    page = feeds.feed(2, limit=2)
    assert page.post_ids == [3, 1]  # ...but no read returns it
    assert page.next_cursor is None


def test_bad_input_is_refused_and_changes_nothing() -> None:
    feeds = Timelines(GRAPH, PUSH)
    feeds.post(1, 5)
    with pytest.raises(ValueError, match="taken"):
        feeds.post(0, 5)
    with pytest.raises(ValueError, match="not positive"):
        feeds.post(0, 0)
    assert feeds.timeline_writes == 2
    for author in (-1, 4):  # -1 would index from the end of the follower lists
        with pytest.raises(ValueError, match=r"user must be in 0\.\.3"):
            feeds.post(author, 6)
    with pytest.raises(ValueError, match=r"user must be in 0\.\.3"):
        feeds.feed(-1)
    assert 6 not in feeds.author
    with pytest.raises(KeyError, match="no post 9"):
        feeds.delete(9)
    with pytest.raises(ValueError, match="limit"):
        feeds.feed(2, limit=0)
    with pytest.raises(ValueError, match="limit"):
        feeds.feed(2, limit=101)
    with pytest.raises(ValueError, match="threshold"):
        Timelines(GRAPH, -1)
    with pytest.raises(ValueError, match="cap"):
        Timelines(GRAPH, PUSH, cap=0)
