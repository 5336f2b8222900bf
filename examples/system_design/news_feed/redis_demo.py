"""The hybrid feed on a real Redis: push, pull for the celebrity, pages, delete, edit."""

# requires-server: redis

from __future__ import annotations

from examples.data.redis.connection import redis_session
from examples.system_design.news_feed.graph import SocialGraph
from examples.system_design.news_feed.redis_feed import RedisFeed

# User 0 is the celebrity: all five others follow it. Users 1 and 3 are
# ordinary accounts; user 2 follows the celebrity, user 1 and user 3.
EDGES = [(u, 0) for u in range(1, 6)] + [(2, 1), (4, 1), (2, 3), (5, 3)]
GRAPH = SocialGraph.from_edges(6, EDGES)

with redis_session("news_feed_demo") as (client, prefix):
    feed = RedisFeed(client, prefix, GRAPH, threshold=5, cap=800)
    # --8<-- [start:publish]
    posts = [(1, 101, "standup moved"), (0, 102, "new album"), (3, 103, "lunch?")]
    posts += [(0, 104, "tour dates"), (1, 105, "deploy done"), (3, 106, "typo")]
    for author, post_id, text in posts:
        writes = feed.publish(author, post_id, text)
        print(f"post {post_id} by user {author}: {writes} timeline writes")
        #> post 101 by user 1: 2 timeline writes
        #> post 102 by user 0: 0 timeline writes
        #> post 103 by user 3: 2 timeline writes
        #> post 104 by user 0: 0 timeline writes
        #> post 105 by user 1: 2 timeline writes
        #> post 106 by user 3: 2 timeline writes
    print("user 2's timeline holds", feed.timeline_ids(2))
    #> user 2's timeline holds [101, 103, 105, 106]
    # --8<-- [end:publish]
    # --8<-- [start:page]
    cursor, page_no = None, 1
    while True:
        page = feed.page(2, limit=2, cursor=cursor)
        shown = [(p.id, p.author) for p in page.posts]
        print(f"page {page_no}: {shown} next={page.next_cursor}")
        #> page 1: [(106, 3), (105, 1)] next=105
        #> page 2: [(104, 0), (103, 3)] next=103
        #> page 3: [(102, 0), (101, 1)] next=None
        if page.next_cursor is None:
            break
        cursor, page_no = page.next_cursor, page_no + 1
    # --8<-- [end:page]
    # --8<-- [start:delete]
    feed.delete(106)
    print("after delete:", [p.id for p in feed.page(2, limit=3).posts])
    #> after delete: [105, 104, 103]
    still = client.zscore(feed.timeline_key(2), "00000000000000000106")
    print("copy still in the timeline:", still is not None)
    #> copy still in the timeline: True
    print("purged copies:", feed.purge(106))
    #> purged copies: 2
    feed.edit(101, "standup moved to 10:30")
    print("after edit:", feed.page(2, limit=5).posts[-1])
    #> after edit: Post(id=101, author=1, text='standup moved to 10:30')
    # --8<-- [end:delete]
