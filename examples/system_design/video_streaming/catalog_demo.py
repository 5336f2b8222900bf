"""Three workers, one crash: the catalog publishes the video once, complete."""

from __future__ import annotations

from contextlib import closing

from examples.system_design.video_streaming.catalog import (
    claim,
    connect,
    create_schema,
    enqueue,
    finish,
    status,
)

# --8<-- [start:crash]
with closing(connect()) as db:
    create_schema(db)
    enqueue(db, "v_19a", "ch_7", ["180p", "144p", "90p"])
    enqueue(db, "v_19a", "ch_7", ["180p", "144p", "90p"])  # upload retried
    a, b, c = (claim(db, now=t) for t in (0, 1, 2))  # A takes 180p, then dies
    print(f"A: {a[1]}, B: {b[1]}, C: {c[1]}, a fourth: {claim(db, now=3)}")
    #> A: 180p, B: 144p, C: 90p, a fourth: None
    published = finish(db, *b, bandwidth=230_000, average_bandwidth=220_000)
    print(f"B done, published: {published}")
    #> B done, published: False
    published = finish(db, *c, bandwidth=150_000, average_bandwidth=140_000)
    print(f"C done, published: {published}")
    #> C done, published: False
    again = claim(db, now=601)  # A's 600 s lease ran out
    print(f"reclaimed: {again[1]}, video {status(db, 'v_19a')}")
    #> reclaimed: 180p, video processing
    published = finish(db, *again, bandwidth=300_000, average_bandwidth=250_000)
    print(f"done again, published: {published}")
    #> done again, published: True
    twice = finish(db, *again, bandwidth=300_000, average_bandwidth=250_000)
    print(f"a duplicate finish publishes: {twice}")
    #> a duplicate finish publishes: False
    tries = db.execute("SELECT rendition, attempts FROM tasks ORDER BY rowid")
    print(f"video {status(db, 'v_19a')}, attempts {dict(tries.fetchall())}")
    #> video ready, attempts {'180p': 2, '144p': 1, '90p': 1}
# --8<-- [end:crash]
