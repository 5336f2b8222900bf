"""A growable array that counts every element it copies, to make amortized cost visible.

`append` is O(1) amortized when the capacity grows by a factor (doubling here),
and O(n) amortized when it grows by a constant step: the copy counter shows both.
"""

from __future__ import annotations

from collections.abc import Callable

Growth = Callable[[int], int]  # old capacity -> new capacity


# --8<-- [start:growth]
def doubling(capacity: int) -> int:
    """Grow by a factor of 2: the textbook policy."""
    return max(1, 2 * capacity)


def constant_step(step: int) -> Growth:
    """Grow by a fixed number of slots each time (the policy that looks thrifty)."""
    if step < 1:
        raise ValueError(f"step must be at least 1, got {step}")
    return lambda capacity: capacity + step


def like_cpython(capacity: int) -> int:
    """CPython's list rule for one more slot: about 1/8 extra, rounded to a multiple of 4."""
    wanted = capacity + 1
    return (wanted + (wanted >> 3) + 6) & ~3


# --8<-- [end:growth]


# --8<-- [start:array]
class DynamicArray:
    """A list-like array over a fixed-size block of slots, reallocated when full.

    Invariant: 0 <= len(self) <= capacity, and `copies` is the total number of
    elements moved from an old block to a new one since the array was made.
    """

    def __init__(self, growth: Growth = doubling) -> None:
        self._growth = growth
        self._slots: list[object] = []  # a fixed-size block: it never grows itself
        self._size = 0
        self.copies = 0

    @property
    def capacity(self) -> int:
        return len(self._slots)

    def __len__(self) -> int:
        return self._size

    def append(self, value: object) -> None:
        if self._size == self.capacity:
            self._reallocate(self._growth(self.capacity))
        self._slots[self._size] = value
        self._size += 1

    def _reallocate(self, new_capacity: int) -> None:
        if new_capacity <= self.capacity:
            raise ValueError("a growth policy must return a larger capacity")
        block: list[object] = [None] * new_capacity
        block[: self._size] = self._slots[: self._size]  # the expensive step
        self.copies += self._size
        self._slots = block

    # --8<-- [end:array]

    def __getitem__(self, index: int) -> object:
        if not 0 <= index < self._size:
            raise IndexError(f"index {index} out of range for length {self._size}")
        return self._slots[index]


def copies_after(count: int, growth: Growth = doubling) -> int:
    """How many element copies `count` appends cost under `growth`."""
    array = DynamicArray(growth)
    for value in range(count):
        array.append(value)
    return array.copies


def main() -> None:
    # --8<-- [start:table]
    print(f"{'n':>9} {'doubling':>9} {'x1.125':>9} {'+64':>9}   (copies per append)")
    #>         n  doubling    x1.125       +64   (copies per append)
    for n in (10, 100, 1_000, 10_000, 100_000, 1_000_000):
        doubled = copies_after(n) / n
        eighth = copies_after(n, like_cpython) / n
        # +64 at a million would copy about 7.8 billion elements: skipped, not guessed
        step = f"{copies_after(n, constant_step(64)) / n:.2f}" if n <= 100_000 else "-"
        print(f"{n:>9,} {doubled:>9.2f} {eighth:>9.2f} {step:>9}")
        #>        10      1.50      1.20      0.00
        #>       100      1.27      4.08      0.64
        #>     1,000      1.02      7.56      7.68
        #>    10,000      1.64      8.31     78.37
        #>   100,000      1.31      7.98    781.25
        #> 1,000,000      1.05      8.45         -
    # --8<-- [end:table]

    # --8<-- [start:predict]
    for n in (1_024, 1_025):
        print(n, copies_after(n))
        #> 1024 1023
        #> 1025 2047
    # --8<-- [end:predict]


if __name__ == "__main__":
    main()
