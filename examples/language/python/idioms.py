"""Idiomatic Python: pick the container by the operation you repeat, and the idioms around them.

Each built-in container is fast at some operations and slow at others:
`x in a_list` scans every item while `x in a_set` hashes once, and
`a_list.pop(0)` shifts every remaining item while `deque.popleft()` does not.
benchmarks/language_python_idioms.py measures both at two sizes.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict, deque


# --8<-- [start:containers]
def recent(events: list[str], keep: int) -> list[str]:
    """The last `keep` events: a deque with maxlen drops the oldest in O(1)."""
    window: deque[str] = deque(maxlen=keep)
    for event in events:
        window.append(event)
    return list(window)


def by_status(orders: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Group order ids by status; defaultdict creates the empty list on first use."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for order_id, status in orders:
        groups[status].append(order_id)
    return dict(groups)


def cheapest(prices: dict[str, int], k: int) -> list[tuple[int, str]]:
    """The k lowest prices: heapq.nsmallest keeps k items, not a sorted copy of all."""
    return heapq.nsmallest(k, ((cents, sku) for sku, cents in prices.items()))


paths = ["/a", "/b", "/a", "/c", "/a", "/b"]
print(Counter(paths).most_common(2))  # counting is a Counter, not a dict of ints
#> [('/a', 3), ('/b', 2)]
print(recent(paths, keep=3))
#> ['/c', '/a', '/b']
print(by_status([("o1", "paid"), ("o2", "new"), ("o3", "paid")]))
#> {'paid': ['o1', 'o3'], 'new': ['o2']}
print(cheapest({"pen": 120, "ink": 900, "pad": 350, "cap": 80}, k=2))
#> [(80, 'cap'), (120, 'pen')]

banned = {"10.0.0.7", "10.0.0.9"}  # a set: `in` hashes once instead of scanning
print("10.0.0.9" in banned)
#> True
# --8<-- [end:containers]


# --8<-- [start:idioms]
rows = [("ada", 36), ("alan", 41), ("grace", 85)]
names = [name for name, _ in rows]  # unpacking in the loop target
ages = {name: age for name, age in rows if age < 50}  # a dict comprehension
print(names, ages)
#> ['ada', 'alan', 'grace'] {'ada': 36, 'alan': 41}

head, *rest = names  # starred unpacking takes "the rest"
print(head, rest)
#> ada ['alan', 'grace']

for rank, name in enumerate(names, start=1):  # not range(len(names))
    print(rank, name)
    #> 1 ada
    #> 2 alan
    #> 3 grace

scores = [90, 75]
try:
    pairs = list(zip(names, scores, strict=True))  # 3.10+: unequal lengths raise
except ValueError as error:
    print(error)
    #> zip() argument 2 is shorter than argument 1
print(list(zip(names, scores, strict=False)))  # the default: grace is dropped
#> [('ada', 90), ('alan', 75)]

config = {"timeout": 5}
print(config.get("retries", 3))  # a default instead of a KeyError
#> 3
tags: dict[str, list[str]] = {}
tags.setdefault("ada", []).append("admin")  # insert-if-missing, then use it
tags.setdefault("ada", []).append("ops")
print(tags)
#> {'ada': ['admin', 'ops']}
# --8<-- [end:idioms]


# --8<-- [start:mutable-default]
def add_tag_buggy(tag: str, tags: list[str] = []) -> list[str]:  # noqa: B006
    tags.append(tag)  # the default list was built once, at `def` time
    return tags


print(add_tag_buggy("a"), add_tag_buggy("b"))  # the second call sees the first's tag
#> ['a', 'b'] ['a', 'b']


def add_tag(tag: str, tags: list[str] | None = None) -> list[str]:
    tags = [] if tags is None else tags  # a new list on every call
    tags.append(tag)
    return tags


print(add_tag("a"), add_tag("b"))
#> ['a'] ['b']
# --8<-- [end:mutable-default]


# --8<-- [start:identity]
a = [1, 2]
b = [1, 2]
print(a == b, a is b)  # equal values, two objects
#> True False
missing = None
print(missing is None)  # None is a singleton: compare it with `is`
#> True
big = int("1000")  # built at run time, so not CPython's cached small int
print(big == 1000, big is int("1000"))
#> True False
# --8<-- [end:identity]
