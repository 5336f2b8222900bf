"""Two follow-ups: a real-valued answer, and a sorted sequence of unknown length."""

from __future__ import annotations

from collections.abc import Callable

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:real]
def first_true_real(
    lo: float, hi: float, predicate: Callable[[float], bool], iterations: int = 100
) -> float:
    """About the smallest x in [lo, hi] with predicate(x) true (hi counts as true).

    A fixed number of halvings, not `while hi - lo > eps`: near a large answer
    the gap between adjacent floats can exceed eps, and that loop never ends.
    100 halvings shrink the range 2**100-fold, past float resolution for an
    answer of about the range's size.
    """
    for _ in range(iterations):
        mid = (lo + hi) / 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid
    return hi


# --8<-- [end:real]


# --8<-- [start:unbounded]
def lower_bound_unknown_size(read: Callable[[int], int | None], target: int) -> int:
    """First index whose value is >= target in a sorted sequence of unknown length.

    read(i) returns the value at i, or None past the end. Exponential search:
    double hi until it is at or past the answer, then binary search [lo, hi).
    O(log p) reads, where p is the answer's position, whatever the length.
    """

    def at_or_past(i: int) -> bool:
        value = read(i)
        return value is None or value >= target  # past the end counts as true

    lo, hi = 0, 1
    while not at_or_past(hi):  # everything up to hi is false
        lo, hi = hi + 1, hi * 2
    return first_true(lo, hi, at_or_past)


# --8<-- [end:unbounded]


if __name__ == "__main__":
    # --8<-- [start:demo]
    cube_root_of_2 = first_true_real(0.0, 2.0, lambda x: x**3 >= 2)
    print(round(cube_root_of_2, 12))
    #> 1.259921049895

    reads = []

    def read(i: int) -> int | None:  # a sorted stream of 10**9 even numbers
        reads.append(i)
        return 2 * i if i < 10**9 else None

    print(lower_bound_unknown_size(read, 2_000), len(reads))
    #> 1000 20
    # --8<-- [end:demo]
