"""The hot-key workload and its two fixes, against simple counts."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.partitioning.hot_keys import (
    hottest_share,
    split_writes,
    sub_keys,
    through_cache,
    top_keys,
    zipf_requests,
)

streams = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=60)


def test_zipf_requests_are_repeatable_and_skewed() -> None:
    first = zipf_requests(keys=1_000, requests=20_000, exponent=1.0, seed=1)
    assert first == zipf_requests(keys=1_000, requests=20_000, exponent=1.0, seed=1)
    counts = Counter(first)
    assert counts.most_common(1)[0][0] == "post:00000"
    # Rank 1 gets about twice rank 2 under exponent 1.
    assert counts["post:00000"] / counts["post:00001"] == pytest.approx(2.0, rel=0.15)


def test_exponent_zero_is_uniform() -> None:
    counts = Counter(zipf_requests(keys=4, requests=8_000, exponent=0.0, seed=2))
    assert all(1_800 < count < 2_200 for count in counts.values())


@given(stream=streams, ways=st.integers(min_value=1, max_value=5))
def test_split_writes_rewrites_only_hot_keys_into_their_sub_keys(stream: list[str], ways: int) -> None:
    split = split_writes(stream, hot={"a"}, ways=ways, seed=3)
    assert len(split) == len(stream)
    for original, written in zip(stream, split, strict=True):
        if original == "a":
            assert written in sub_keys("a", ways)
        else:
            assert written == original


@given(stream=streams, ttl=st.integers(min_value=1, max_value=10))
def test_through_cache_matches_a_direct_count(stream: list[str], ttl: int) -> None:
    reaching = through_cache(stream, cached={"a"}, ttl=ttl)
    assert [key for key in reaching if key != "a"] == [key for key in stream if key != "a"]
    # Model: a cached key reaches the store when no fetch happened in the last ttl ticks.
    fetches, last = 0, None
    for tick, key in enumerate(stream):
        if key == "a" and (last is None or tick - last >= ttl):
            fetches, last = fetches + 1, tick
    assert reaching.count("a") == fetches


def test_a_ttl_of_one_caches_nothing() -> None:
    stream = ["a", "a", "b", "a"]
    assert through_cache(stream, cached={"a"}, ttl=1) == stream


def test_top_keys_and_hottest_share() -> None:
    assert top_keys(["a", "b", "a", "c", "a", "b"], count=2) == ["a", "b"]
    assert hottest_share({"n0": 30, "n1": 10}) == 0.75


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: zipf_requests(keys=0, requests=1, exponent=1.0, seed=1), "keys must be at least 1"),
        (lambda: zipf_requests(keys=5, requests=1, exponent=-1.0, seed=1), "must not be negative"),
        (lambda: split_writes(["a"], {"a"}, ways=0, seed=1), "ways must be at least 1"),
        (lambda: through_cache(["a"], {"a"}, ttl=0), "ttl must be at least 1"),
        (lambda: hottest_share({"n0": 0}), "no load"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
