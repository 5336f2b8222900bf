"""The one binary search template: the first index where a monotonic predicate turns true.

lower_bound and upper_bound are that template with a comparison as the
predicate, and they return what bisect.bisect_left and bisect.bisect_right do.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any


# --8<-- [start:first_true]
def first_true(lo: int, hi: int, predicate: Callable[[int], bool]) -> int:
    """The smallest i in [lo, hi) with predicate(i) true, or hi if there is none.

    predicate must be monotonic on [lo, hi): false, ..., false, true, ..., true.
    It is called O(log(hi - lo)) times and never at hi itself.
    """
    if lo > hi:
        raise ValueError(f"empty range needs lo <= hi, got lo={lo}, hi={hi}")
    # Invariant, with start and end the range first given: predicate is false
    # on [start, lo) and true on [hi, end), taking end as true. Each pass
    # shrinks [lo, hi), so the loop ends, and the answer stays in [lo, hi].
    while lo < hi:
        mid = lo + (hi - lo) // 2  # lo <= mid < hi: both branches shrink the range
        if predicate(mid):
            hi = mid  # mid is true, so the first true is at mid or to its left
        else:
            lo = mid + 1  # mid is false, and so is everything left of it
    return lo  # lo == hi: everything left is false, everything from here is true


# --8<-- [end:first_true]


# --8<-- [start:bounds]
def lower_bound(
    items: Sequence[Any], x: Any, key: Callable[[Any], Any] | None = None
) -> int:
    """The first index whose item is not less than x: bisect.bisect_left."""
    k = key or (lambda item: item)
    return first_true(0, len(items), lambda i: not k(items[i]) < x)


def upper_bound(
    items: Sequence[Any], x: Any, key: Callable[[Any], Any] | None = None
) -> int:
    """The first index whose item is greater than x: bisect.bisect_right."""
    k = key or (lambda item: item)
    return first_true(0, len(items), lambda i: x < k(items[i]))


# --8<-- [end:bounds]


if __name__ == "__main__":
    # --8<-- [start:demo]
    scores = [10, 20, 20, 20, 30]
    print(lower_bound(scores, 20), bisect.bisect_left(scores, 20))
    #> 1 1
    print(upper_bound(scores, 20), bisect.bisect_right(scores, 20))
    #> 4 4
    print(lower_bound(scores, 99), lower_bound([], 5))  # past the end; empty
    #> 5 0

    # key= (Python 3.10+) applies to the items only, never to x.
    orders = [("a", 3), ("b", 5), ("c", 5), ("d", 9)]
    print(bisect.bisect_left(orders, 5, key=lambda order: order[1]))
    #> 1
    print(lower_bound(orders, 5, key=lambda order: order[1]))
    #> 1
    # --8<-- [end:demo]
