"""TTL cache: expired entries are never returned; LRU eviction still holds; a fake clock drives time."""

from __future__ import annotations

import math
from collections import OrderedDict

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.lru_cache.contract import InvalidCapacityError
from examples.machine_coding.lru_cache.ttl_cache import TTLCache


def make(capacity: int = 3, default_ttl: float | None = 10.0) -> tuple[TTLCache[str, int], ManualClock]:
    clock = ManualClock()
    return TTLCache(capacity, default_ttl=default_ttl, clock=clock), clock


def test_an_entry_lives_until_just_before_its_deadline() -> None:
    cache, clock = make()
    cache.put("a", 1)
    clock.advance(9.999)
    assert cache.get("a") == 1
    clock.advance(0.001)  # exactly at the deadline: expired
    assert cache.get("a") is None
    assert cache.get("a", -1) == -1
    assert len(cache) == 0  # the get dropped it


def test_per_entry_ttl_overrides_the_default() -> None:
    cache, clock = make(default_ttl=10.0)
    cache.put("short", 1, ttl=1.0)
    cache.put("long", 2, ttl=100.0)
    cache.put("default", 3)
    clock.advance(50)
    assert cache.get("short") is None
    assert cache.get("default") is None
    assert cache.get("long") == 2


def test_no_default_ttl_means_entries_never_expire() -> None:
    cache, clock = make(default_ttl=None)
    cache.put("a", 1)
    clock.advance(1e12)
    assert cache.get("a") == 1


def test_put_again_renews_the_deadline() -> None:
    cache, clock = make()
    cache.put("a", 1)
    clock.advance(8)
    cache.put("a", 2)
    clock.advance(8)  # 16 s after the first put, 8 s after the second
    assert cache.get("a") == 2


def test_a_put_without_ttl_takes_the_default_not_the_previous_ttl() -> None:
    # ttl=None means "the cache's default", so a renewal does not inherit the
    # entry's earlier ttl, and no entry can opt out of a default TTL.
    cache, clock = make(default_ttl=10.0)
    cache.put("a", 1, ttl=100.0)
    cache.put("a", 2)  # renewed with the default: 10 s from now
    clock.advance(10)
    assert cache.get("a") is None
    cache.put("b", 3, ttl=None)
    clock.advance(10)
    assert "b" not in cache


def test_reading_does_not_extend_the_deadline() -> None:
    cache, clock = make()
    cache.put("a", 1)
    clock.advance(9)
    assert cache.get("a") == 1
    clock.advance(1)
    assert cache.get("a") is None


def test_expiry_is_lazy_until_looked_at_or_swept() -> None:
    cache, clock = make(capacity=5)
    cache.put("a", 1, ttl=1)
    cache.put("b", 2, ttl=1)
    cache.put("c", 3, ttl=50)
    clock.advance(5)
    assert len(cache) == 3  # a and b are expired but still stored
    assert "a" not in cache  # contains drops a
    assert len(cache) == 2
    assert cache.purge_expired() == 1  # only b was left to sweep
    assert len(cache) == 1
    assert cache.purge_expired() == 0
    assert cache.keys() == ["c"]


def test_keys_never_list_expired_entries() -> None:
    cache, clock = make(capacity=3)
    cache.put("a", 1, ttl=1)
    cache.put("b", 2, ttl=5)
    clock.advance(2)
    assert cache.keys() == ["b"]


def test_lru_eviction_still_applies_and_may_evict_a_live_entry_before_an_expired_one() -> None:
    # The documented cost of lazy expiry: a full cache evicts by recency,
    # even when an expired entry is sitting in a slot further forward.
    cache, clock = make(capacity=2)
    cache.put("old_live", 1, ttl=100)
    cache.put("new_dead", 2, ttl=1)
    clock.advance(5)
    cache.put("c", 3)
    assert "old_live" not in cache
    assert cache.keys() == ["c"]  # new_dead is swept by keys()


def test_delete_reports_true_only_for_live_entries() -> None:
    cache, clock = make()
    cache.put("live", 1)
    cache.put("dead", 2, ttl=1)
    clock.advance(2)
    assert cache.delete("live") is True
    assert cache.delete("dead") is False  # it had already expired
    assert cache.delete("never") is False
    assert len(cache) == 0


def test_capacity_is_checked_and_reported() -> None:
    assert make(capacity=4)[0].capacity == 4
    with pytest.raises(InvalidCapacityError):
        TTLCache(0)


@pytest.mark.parametrize("ttl", [0, -1, math.nan, math.inf, -math.inf])
def test_bad_ttl_is_a_value_error_and_changes_nothing(ttl: float) -> None:
    cache, _ = make()
    cache.put("a", 1)
    with pytest.raises(ValueError, match="finite number of seconds above 0"):
        cache.put("a", 2, ttl=ttl)
    with pytest.raises(ValueError, match="finite number of seconds above 0"):
        TTLCache(3, default_ttl=ttl)
    assert cache.get("a") == 1


@pytest.mark.parametrize("ttl", ["10", True, [1]])
def test_non_numeric_ttl_is_a_type_error(ttl: object) -> None:
    cache, _ = make()
    with pytest.raises(TypeError, match="ttl must be a number of seconds or None"):
        cache.put("a", 1, ttl=ttl)  # type: ignore[arg-type]
    assert len(cache) == 0


def test_the_default_clock_is_monotonic_time() -> None:
    cache: TTLCache[str, int] = TTLCache(2, default_ttl=3600)
    cache.put("a", 1)
    assert cache.get("a") == 1  # an hour is far longer than this test


# --- model-based test with a fake clock ------------------------------------

KEYS = st.sampled_from("abcde")
TTLS = st.one_of(st.none(), st.integers(min_value=1, max_value=6).map(float))


class TTLMachine(RuleBasedStateMachine):
    """Model: an OrderedDict of key -> (value, deadline), oldest use first."""

    @initialize(capacity=st.integers(min_value=1, max_value=4), default_ttl=TTLS)
    def build(self, capacity: int, default_ttl: float | None) -> None:
        self.clock = ManualClock()
        self.cache: TTLCache[str, int] = TTLCache(capacity, default_ttl=default_ttl, clock=self.clock)
        self.capacity = capacity
        self.default_ttl = default_ttl
        self.model: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def _live(self, key: str) -> bool:
        return key in self.model and self.clock() < self.model[key][1]

    @rule(key=KEYS, value=st.integers(0, 9), ttl=TTLS)
    def put(self, key: str, value: int, ttl: float | None) -> None:
        seconds = ttl if ttl is not None else self.default_ttl
        deadline = math.inf if seconds is None else self.clock() + seconds
        self.model.pop(key, None)
        if len(self.model) >= self.capacity:
            self.model.popitem(last=False)  # LRU victim, expired or not
        self.model[key] = (value, deadline)
        self.cache.put(key, value, ttl=ttl)

    @rule(key=KEYS)
    def get(self, key: str) -> None:
        if self._live(key):
            self.model.move_to_end(key)
            assert self.cache.get(key) == self.model[key][0]
        else:
            self.model.pop(key, None)
            assert self.cache.get(key) is None

    @rule(seconds=st.sampled_from([0.5, 1.0, 2.0, 5.0]))
    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule(key=KEYS)
    def contains(self, key: str) -> None:
        live = self._live(key)
        if not live:
            self.model.pop(key, None)
        assert (key in self.cache) is live

    @rule(key=KEYS)
    def delete(self, key: str) -> None:
        live = self._live(key)
        self.model.pop(key, None)
        assert self.cache.delete(key) is live

    @rule()
    def purge(self) -> None:
        dead = [key for key in self.model if not self._live(key)]
        for key in dead:
            del self.model[key]
        assert self.cache.purge_expired() == len(dead)

    @precondition(lambda self: hasattr(self, "model"))
    @invariant()
    def same_entries_and_never_an_expired_key(self) -> None:
        assert len(self.cache) == len(self.model) <= self.capacity
        live_in_order = [key for key in self.model if self._live(key)]
        assert self.cache.keys() == live_in_order  # keys() sweeps: mirror that
        for key in list(self.model):
            if not self._live(key):
                del self.model[key]


TTLMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
TestTTLAgainstModel = TTLMachine.TestCase
