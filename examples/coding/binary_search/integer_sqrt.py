"""Integer square root: the largest r with r * r <= n, by binary search on r."""

from __future__ import annotations

from examples.coding.binary_search.lower_bound import first_true


# --8<-- [start:optimal]
def integer_sqrt(n: int) -> int:
    """floor(sqrt(n)) for n >= 0, exact for any size of int. O(log n) steps."""
    if n < 0:
        raise ValueError(f"no real square root of {n}")
    # r * r > n is false, ..., false, true, ...: the answer is one before the first true.
    # hi = n // 2 + 2 is already past the root for every n >= 0.
    return first_true(0, n // 2 + 2, lambda r: r * r > n) - 1


# --8<-- [end:optimal]


# --8<-- [start:brute]
def integer_sqrt_brute_force(n: int) -> int:
    """Count up. O(sqrt n) steps."""
    if n < 0:
        raise ValueError(f"no real square root of {n}")
    r = 0
    while (r + 1) * (r + 1) <= n:
        r += 1
    return r


# --8<-- [end:brute]


if __name__ == "__main__":
    # --8<-- [start:demo]
    import math

    n = 10**30 - 1  # the true root is 999_999_999_999_999.99...
    print(integer_sqrt(n), math.isqrt(n))
    #> 999999999999999 999999999999999
    print(int(math.sqrt(n)))  # a float has 53 bits: it rounds up to 10**15
    #> 1000000000000000
    # --8<-- [end:demo]
