"""LFU: least used goes first, ties go to the least recently used; checked against brute force."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from examples.machine_coding.lru_cache.contract import InvalidCapacityError
from examples.machine_coding.lru_cache.lfu_cache import LFUCache


def test_evicts_the_least_frequently_used_key() -> None:
    cache = LFUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)  # b has 1 use, a has 2
    assert "b" not in cache
    assert cache.keys() == ["c", "a"]


def test_a_tie_evicts_the_least_recently_used_of_the_tied_keys() -> None:
    cache = LFUCache[str, int](3)
    for key in "abc":
        cache.put(key, 0)
    cache.get("b")
    cache.get("a")
    cache.get("c")  # all at 2 uses; b was used longest ago
    cache.put("d", 0)
    assert "b" not in cache
    assert cache.keys() == ["d", "a", "c"]


def test_a_new_key_is_the_least_used_even_when_just_inserted() -> None:
    cache = LFUCache[str, int](2)
    cache.put("hot", 1)
    cache.get("hot")
    cache.put("x", 1)
    cache.put("y", 1)  # x (1 use) goes, not hot (2 uses)
    assert cache.keys() == ["y", "hot"]


def test_an_update_counts_as_a_use_and_evicts_nobody() -> None:
    cache = LFUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    assert len(cache) == 2
    assert cache.frequency("a") == 2
    assert cache.frequency("b") == 1
    cache.put("c", 3)
    assert cache.keys() == ["c", "a"]
    assert cache.get("a") == 10


def test_frequency_counts_uses_and_resets_after_eviction() -> None:
    cache = LFUCache[str, int](1)
    cache.put("a", 1)
    for _ in range(5):
        cache.get("a")
    assert cache.frequency("a") == 6
    cache.put("b", 2)  # capacity 1: a goes however hot it was
    assert cache.frequency("a") == 0
    assert cache.get("a") is None
    cache.put("a", 1)
    assert cache.frequency("a") == 1


def test_a_miss_and_a_peek_count_nothing() -> None:
    cache = LFUCache[str, int](2)
    cache.put("a", 1)
    assert cache.get("zz") is None
    assert cache.get("zz", -1) == -1
    assert "a" in cache
    assert "zz" not in cache
    assert cache.frequency("a") == 1


def test_delete_of_the_only_min_freq_key_keeps_eviction_right() -> None:
    # After the delete, min_freq (1) names an empty bucket. The next insert
    # must reset it, or the eviction after that would look in the wrong place.
    cache = LFUCache[str, int](2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("b")
    cache.get("b")  # b: 3 uses, a: 1 use
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    cache.get("b")  # b: 4 uses while min_freq is stale
    cache.put("c", 3)  # fills the free slot
    cache.put("d", 4)  # full: must evict c (1 use), not b
    assert cache.keys() == ["d", "b"]
    cache.delete("b")
    cache.delete("d")
    assert len(cache) == 0
    cache.put("e", 5)
    assert cache.keys() == ["e"]


def test_bad_capacity_and_unhashable_keys_are_refused_without_damage() -> None:
    with pytest.raises(InvalidCapacityError):
        LFUCache(0)
    with pytest.raises(TypeError):
        LFUCache(1.5)  # type: ignore[arg-type]
    cache = LFUCache[object, int](2)
    cache.put("a", 1)
    with pytest.raises(TypeError, match="unhashable"):
        cache.put(["no"], 1)
    with pytest.raises(TypeError, match="unhashable"):
        cache.get({})
    assert cache.keys() == ["a"]
    assert cache.frequency("a") == 1
    assert cache.capacity == 2


# --- model-based test against brute force ---------------------------------


@dataclass
class Slot:
    value: int
    uses: int
    last_used: int  # a logical tick, larger = more recent


class BruteForceLFU:
    """O(n) per eviction, obviously correct: pick min by (uses, last_used)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.slots: dict[int, Slot] = {}
        self.tick = 0

    def _use(self, slot: Slot) -> None:
        self.tick += 1
        slot.uses += 1
        slot.last_used = self.tick

    def get(self, key: int) -> int | None:
        slot = self.slots.get(key)
        if slot is None:
            return None
        self._use(slot)
        return slot.value

    def put(self, key: int, value: int) -> None:
        if key in self.slots:
            self.slots[key].value = value
            self._use(self.slots[key])
            return
        if len(self.slots) == self.capacity:
            victim = min(self.slots, key=lambda k: (self.slots[k].uses, self.slots[k].last_used))
            del self.slots[victim]
        self.tick += 1
        self.slots[key] = Slot(value, 1, self.tick)

    def order(self) -> list[int]:
        return sorted(self.slots, key=lambda k: (self.slots[k].uses, self.slots[k].last_used))


KEYS = st.integers(min_value=0, max_value=6)


class LFUMachine(RuleBasedStateMachine):
    @initialize(capacity=st.integers(min_value=1, max_value=4))
    def build(self, capacity: int) -> None:
        self.model = BruteForceLFU(capacity)
        self.cache = LFUCache[int, int](capacity)

    @rule(key=KEYS, value=st.integers(0, 9))
    def put(self, key: int, value: int) -> None:
        self.model.put(key, value)
        self.cache.put(key, value)

    @rule(key=KEYS)
    def get(self, key: int) -> None:
        assert self.cache.get(key) == self.model.get(key)

    @rule(key=KEYS)
    def delete(self, key: int) -> None:
        expected = self.model.slots.pop(key, None) is not None
        assert self.cache.delete(key) is expected

    @precondition(lambda self: hasattr(self, "model"))
    @invariant()
    def same_keys_in_eviction_order_with_same_counts(self) -> None:
        assert self.cache.keys() == self.model.order()
        assert len(self.cache) == len(self.model.slots) <= self.model.capacity
        for key, slot in self.model.slots.items():
            assert self.cache.frequency(key) == slot.uses


LFUMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=40, deadline=None)
TestLFUAgainstBruteForce = LFUMachine.TestCase
