"""Behavior of both LRU versions, with one test per bug hand-written caches usually ship."""

from __future__ import annotations

import pytest

from examples.machine_coding.lru_cache.contract import InvalidCapacityError
from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.lru_ordered_dict import OrderedDictLRUCache

IMPLEMENTATIONS = [LRUCache, OrderedDictLRUCache]
Impl = type[LRUCache] | type[OrderedDictLRUCache]


@pytest.fixture(params=IMPLEMENTATIONS, ids=lambda cls: cls.__name__)
def impl(request: pytest.FixtureRequest) -> Impl:
    return request.param


def filled(impl: Impl, capacity: int, keys: str) -> LRUCache | OrderedDictLRUCache:
    cache = impl(capacity)
    for index, key in enumerate(keys):
        cache.put(key, index)
    return cache


def test_evicts_the_least_recently_used_entry_not_the_newest(impl: Impl) -> None:
    cache = filled(impl, 3, "abc")
    cache.put("d", 3)
    assert cache.keys() == ["b", "c", "d"]
    assert cache.get("a") is None
    assert cache.get("d") == 3


def test_a_get_counts_as_a_use(impl: Impl) -> None:
    # Bug: get returns the value but does not move the entry to the front.
    cache = filled(impl, 3, "abc")
    assert cache.get("a") == 0
    cache.put("d", 3)
    assert "a" in cache
    assert "b" not in cache


def test_a_miss_changes_nothing(impl: Impl) -> None:
    cache = filled(impl, 2, "ab")
    assert cache.get("zzz") is None
    assert cache.get("zzz", -1) == -1
    assert cache.keys() == ["a", "b"]


def test_updating_a_present_key_at_full_capacity_evicts_nobody(impl: Impl) -> None:
    # Bug: treating an update as an insert, which evicts a live key and
    # leaves two nodes for the updated one.
    cache = filled(impl, 3, "abc")
    cache.put("a", 100)
    assert len(cache) == 3
    assert cache.keys() == ["b", "c", "a"]  # the update also refreshed a
    assert cache.get("a") == 100
    cache.put("d", 3)
    assert cache.keys() == ["c", "a", "d"]


def test_eviction_removes_the_key_from_the_map_too(impl: Impl) -> None:
    # Bug: unlinking the victim node but leaving its map entry (or deleting the
    # wrong key because the node does not know its own key). The map then
    # grows past capacity and a later get returns or moves a dead node.
    cache = filled(impl, 2, "ab")
    for key in "cdefgh":
        cache.put(key, 0)
        assert len(cache) == 2
    assert cache.keys() == ["g", "h"]
    for key in "abcdef":
        assert key not in cache
        assert cache.get(key) is None
    assert len(cache) == 2


def test_capacity_one_keeps_exactly_the_latest_key(impl: Impl) -> None:
    cache = impl(1)
    cache.put("x", 1)
    cache.put("x", 2)  # update in place at capacity 1
    assert cache.keys() == ["x"]
    assert cache.get("x") == 2
    cache.put("y", 3)
    assert cache.keys() == ["y"]
    assert cache.get("x") is None
    assert cache.get("y") == 3


def test_falsy_values_are_hits_not_misses(impl: Impl) -> None:
    # Bug: `if not value` instead of a presence check.
    cache = impl(4)
    for key, value in [("zero", 0), ("empty", ""), ("none", None), ("false", False)]:
        cache.put(key, value)
    assert cache.get("zero", "miss") == 0
    assert cache.get("empty", "miss") == ""
    assert cache.get("none", "miss") is None
    assert cache.get("false", "miss") is False


def test_contains_and_peek_do_not_refresh_recency(impl: Impl) -> None:
    cache = filled(impl, 2, "ab")
    assert "a" in cache
    assert cache.peek("a") == 0
    assert cache.peek("nope", "dflt") == "dflt"
    cache.put("c", 2)
    assert cache.keys() == ["b", "c"]  # a was still the oldest


def test_delete_frees_a_slot_and_reports_whether_the_key_was_there(impl: Impl) -> None:
    cache = filled(impl, 3, "abc")
    assert cache.delete("b") is True
    assert cache.delete("b") is False
    assert cache.delete("never") is False
    cache.put("d", 3)  # fills the freed slot: nobody is evicted
    assert cache.keys() == ["a", "c", "d"]
    cache.delete("a")
    cache.delete("c")
    cache.delete("d")
    assert len(cache) == 0
    assert cache.keys() == []
    cache.put("e", 4)  # an emptied cache still works
    assert cache.keys() == ["e"]


def test_many_inserts_keep_the_newest_capacity_keys_in_order(impl: Impl) -> None:
    cache = impl(100)
    for key in range(10_000):
        cache.put(key, key * 2)
    assert cache.keys() == list(range(9_900, 10_000))
    assert cache.get(9_950) == 19_900


@pytest.mark.parametrize("capacity", [0, -3])
def test_capacity_below_one_is_refused(impl: Impl, capacity: int) -> None:
    with pytest.raises(InvalidCapacityError, match="at least 1"):
        impl(capacity)


def test_non_int_capacity_is_refused(impl: Impl) -> None:
    with pytest.raises(TypeError, match="capacity must be an int"):
        impl("10")


def test_capacity_is_reported(impl: Impl) -> None:
    assert impl(7).capacity == 7


def test_unhashable_key_raises_and_leaves_the_cache_untouched(impl: Impl) -> None:
    cache = filled(impl, 2, "ab")
    with pytest.raises(TypeError, match="unhashable"):
        cache.put(["a", "list"], 1)
    with pytest.raises(TypeError, match="unhashable"):
        cache.get({"a": 1})
    assert cache.keys() == ["a", "b"]
    assert len(cache) == 2
    cache.put("c", 2)
    assert cache.keys() == ["b", "c"]
