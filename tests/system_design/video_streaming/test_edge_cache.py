"""The edge simulation: the request stream, the byte-bounded LRU, and the sweep."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.video_streaming import edge_cache
from examples.system_design.video_streaming.edge_cache import (
    Catalog,
    LruBytes,
    requests,
    simulate,
    sweep,
)

SMALL = Catalog(videos=50, segments=20)

# --- the request stream ------------------------------------------------------------------


def test_requests_are_seeded() -> None:
    assert list(requests(SMALL, 500, seed=1)) == list(requests(SMALL, 500, seed=1))
    assert list(requests(SMALL, 500, seed=1)) != list(requests(SMALL, 500, seed=2))


def test_popular_videos_and_early_segments_are_asked_for_more() -> None:
    stream = list(requests(SMALL, 20_000, seed=1))
    videos = Counter(v for v, _, _ in stream)
    segments = Counter(s for _, _, s in stream)
    assert videos[0] > 5 * videos[49]  # Zipf: rank 1 against rank 50
    assert segments[0] > segments[10] > segments[19]  # viewers leave as they go


def test_each_view_walks_forward_from_the_first_segment() -> None:
    """With one viewer at a time, a view's segments are 0, 1, 2... in one rendition."""
    stream = list(requests(SMALL, 2_000, seed=3, concurrent=1))
    for previous, current in pairwise(stream):
        if current[2] != 0:
            assert current == (previous[0], previous[1], previous[2] + 1)


def test_segment_sizes_follow_the_ladder() -> None:
    assert SMALL.segment_bytes(0) == 300_000 * 4 // 8
    assert SMALL.segment_bytes(4) == 6_000_000 * 4 // 8
    assert SMALL.total_bytes() == 50 * 20 * sum(
        SMALL.segment_bytes(r) for r in range(5)
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"videos": 0}, "must be positive"),
        ({"keep_watching": 1.0}, "keep_watching"),
        ({"rendition_mix": (1.0,)}, "one non-negative share per rung"),
        (
            {"rendition_mix": (0.5, 0.5, 0.5, 0.5, -1)},
            "one non-negative share per rung",
        ),
    ],
)
def test_a_catalog_refuses_nonsense(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Catalog(**kwargs)


# --- the cache --------------------------------------------------------------------------


def test_lru_evicts_the_least_recent_until_the_new_item_fits() -> None:
    cache = LruBytes(10)
    cache.put((1, 0, 0), 4)
    cache.put((2, 0, 0), 4)
    assert cache.get((1, 0, 0))  # 1 is now the most recent
    cache.put((3, 0, 0), 4)  # evicts 2
    assert cache.get((1, 0, 0)) and cache.get((3, 0, 0)) and not cache.get((2, 0, 0))
    assert cache.used == 8
    cache.put((4, 0, 0), 11)  # larger than the cache: not stored
    assert len(cache) == 2
    with pytest.raises(ValueError, match="must not be negative"):
        LruBytes(-1)


operations = st.lists(
    st.tuples(st.integers(0, 15), st.integers(1, 6)), min_size=1, max_size=200
)


@given(operations, st.integers(0, 20))
def test_lru_matches_a_list_model(ops: list[tuple[int, int]], capacity: int) -> None:
    """Get-then-put on a miss, against a list ordered oldest first."""
    cache, model = LruBytes(capacity), []  # model: [(key, size)], oldest first
    for key_id, size in ops:
        key = (key_id, 0, 0)
        size = size if all(k != key for k, _ in model) else dict(model)[key]
        hit_model = any(k == key for k, _ in model)
        if hit_model:
            model = [(k, s) for k, s in model if k != key] + [(key, size)]
        elif size <= capacity:
            while sum(s for _, s in model) + size > capacity:
                model.pop(0)
            model.append((key, size))
        hit = cache.get(key)
        if not hit:
            cache.put(key, size)
        assert hit == hit_model
        assert cache.used == sum(s for _, s in model) <= capacity


# --- the simulation ---------------------------------------------------------------------


def test_no_cache_sends_everything_to_the_origin() -> None:
    stream = list(requests(SMALL, 1_000, seed=2))
    stats = simulate(SMALL, LruBytes(0), stream, warmup=0)
    assert stats.hits == 0 and stats.origin_bytes == stats.bytes_served
    assert stats.byte_hit_ratio == 0.0


def test_an_unbounded_cache_misses_each_segment_once() -> None:
    stream = list(requests(SMALL, 5_000, seed=2))
    stats = simulate(SMALL, LruBytes(SMALL.total_bytes()), stream, warmup=0)
    assert stats.requests - stats.hits == len(set(stream))  # compulsory misses only
    assert stats.origin_bytes == sum(SMALL.segment_bytes(r) for _, r, _ in set(stream))


def test_warmup_requests_fill_the_cache_but_are_not_counted() -> None:
    stream = list(requests(SMALL, 1_000, seed=2))
    stats = simulate(SMALL, LruBytes(SMALL.total_bytes()), stream, warmup=400)
    assert stats.requests == 600
    with pytest.raises(ValueError, match="warmup"):
        simulate(SMALL, LruBytes(1), stream, warmup=1_001)


def test_on_this_stream_a_bigger_edge_misses_fewer_bytes() -> None:
    """True for this seed, not a law: an LRU bounded in bytes is not a stack
    algorithm, so a bigger one can miss more on some streams."""
    results = sweep(SMALL, 5_000, seed=4, shares=(0.0, 0.02, 0.1, 0.5, 1.0))
    origin = [s.origin_bytes for s in results.values()]
    assert origin == sorted(origin, reverse=True)
    assert results[1.0].byte_hit_ratio < 1  # the first request of each segment misses
    with pytest.raises(ValueError, match="shares"):
        sweep(SMALL, 10, seed=1, shares=(-0.1,))


def test_byte_hits_run_above_request_hits_because_big_renditions_are_popular() -> None:
    stats = sweep(Catalog(), 100_000, seed=5, shares=(0.1,))[0.1]
    assert stats.byte_hit_ratio > stats.hit_ratio
    even = Catalog(rendition_mix=(0.2, 0.2, 0.2, 0.2, 0.2))
    flat = sweep(even, 100_000, seed=5, shares=(0.1,))[0.1]
    # With every rung equally popular the gap shrinks.
    assert flat.byte_hit_ratio - flat.hit_ratio < stats.byte_hit_ratio - stats.hit_ratio


def test_the_demo_counts_only_once_its_biggest_edge_is_full() -> None:
    """Counting from a cache still filling charges first requests to its size."""
    source = Path(edge_cache.__file__).with_name("cdn_demo.py").read_text("utf-8")
    count = 1_000_000
    assert (
        f"sweep(catalog, count={count:_}, seed=5, shares=(0.01, 0.05, 0.1, 0.2))"
        in (source)
    )
    catalog = Catalog()
    stream = list(requests(catalog, count, seed=5))
    cache = LruBytes(int(catalog.total_bytes() * 0.2))
    for key in stream[: len(stream) // 4]:  # sweep's warm-up
        if not cache.get(key):
            cache.put(key, catalog.segment_bytes(key[1]))
    assert cache.used > 0.99 * cache.capacity
