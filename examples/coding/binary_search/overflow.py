"""Why (lo + hi) / 2 breaks in Java and C, simulated with 32-bit arithmetic in Python."""

from __future__ import annotations

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def as_int32(value: int) -> int:
    """Wrap like a Java int (two's complement, 32 bits)."""
    return (value - INT_MIN) % 2**32 + INT_MIN


def java_divide(a: int, b: int) -> int:
    """Java's / on ints truncates toward zero; Python's // rounds down."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient


# --8<-- [start:midpoints]
def midpoint_naive_int32(lo: int, hi: int) -> int:
    """int mid = (lo + hi) / 2; in Java: the sum wraps past 2**31 - 1."""
    return java_divide(as_int32(lo + hi), 2)


def midpoint_safe_int32(lo: int, hi: int) -> int:
    """int mid = lo + (hi - lo) / 2; hi - lo fits whenever 0 <= lo <= hi."""
    return as_int32(lo + java_divide(as_int32(hi - lo), 2))


# --8<-- [end:midpoints]


if __name__ == "__main__":
    # --8<-- [start:demo]
    lo, hi = 1_500_000_000, 2_000_000_000  # valid indexes of a huge Java array
    print(midpoint_naive_int32(lo, hi))  # negative: ArrayIndexOutOfBounds
    #> -397483648
    print(midpoint_safe_int32(lo, hi))
    #> 1750000000
    print((lo + hi) // 2)  # Python ints never overflow
    #> 1750000000
    # --8<-- [end:demo]
