"""Model-based: the hand-written LRU, the OrderedDict LRU and a tiny model agree on every step."""

from __future__ import annotations

from collections import OrderedDict

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from examples.machine_coding.lru_cache.lru_linked import LRUCache
from examples.machine_coding.lru_cache.lru_ordered_dict import OrderedDictLRUCache

# Few keys and small capacities, so evictions, updates and hits all happen often.
KEYS = st.integers(min_value=0, max_value=7)
VALUES = st.integers(min_value=-5, max_value=5)


class LRUModel:
    """The specification, written as plainly as possible."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data: OrderedDict[int, int] = OrderedDict()  # oldest first

    def get(self, key: int) -> int | None:
        if key not in self.data:
            return None
        value = self.data.pop(key)
        self.data[key] = value  # re-insert = newest
        return value

    def put(self, key: int, value: int) -> None:
        self.data.pop(key, None)
        if len(self.data) >= self.capacity:
            oldest = next(iter(self.data))
            del self.data[oldest]
        self.data[key] = value


class LRUMachine(RuleBasedStateMachine):
    @initialize(capacity=st.integers(min_value=1, max_value=5))
    def build(self, capacity: int) -> None:
        self.model = LRUModel(capacity)
        self.caches = [LRUCache[int, int](capacity), OrderedDictLRUCache[int, int](capacity)]

    @rule(key=KEYS, value=VALUES)
    def put(self, key: int, value: int) -> None:
        self.model.put(key, value)
        for cache in self.caches:
            cache.put(key, value)

    @rule(key=KEYS)
    def get(self, key: int) -> None:
        expected = self.model.get(key)
        for cache in self.caches:
            assert cache.get(key) == expected

    @rule(key=KEYS)
    def delete(self, key: int) -> None:
        expected = self.model.data.pop(key, None) is not None
        for cache in self.caches:
            assert cache.delete(key) is expected

    @rule(key=KEYS)
    def peek(self, key: int) -> None:
        for cache in self.caches:
            assert (key in cache) is (key in self.model.data)
            assert cache.peek(key) == self.model.data.get(key)

    @precondition(lambda self: hasattr(self, "model"))
    @invariant()
    def same_contents_in_same_order(self) -> None:
        expected = list(self.model.data)
        assert len(expected) <= self.model.capacity
        for cache in self.caches:
            assert cache.keys() == expected
            assert len(cache) == len(expected)


LRUMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
TestLRUAgainstModel = LRUMachine.TestCase
