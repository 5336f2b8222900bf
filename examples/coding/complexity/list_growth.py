"""Watch CPython's list over-allocate: capacity read from sys.getsizeof as you append.

The rule is in list_resize() in CPython's Objects/listobject.c; `predicted_capacity`
restates it so a test can check it against the running interpreter.
"""

from __future__ import annotations

import struct
import sys

# One slot holds one pointer: 8 bytes on 64-bit builds.
POINTER_BYTES = struct.calcsize("P")


# --8<-- [start:observe]
def capacity(values: list[object]) -> int:
    """Slots allocated behind `values`, from its size in bytes minus an empty list's."""
    return (sys.getsizeof(values) - sys.getsizeof([])) // POINTER_BYTES


def capacities_seen(appends: int) -> list[int]:
    """Every distinct capacity an empty list passes through over `appends` appends."""
    values: list[object] = []
    seen = [capacity(values)]
    for number in range(appends):
        values.append(number)
        if capacity(values) != seen[-1]:
            seen.append(capacity(values))
    return seen


# --8<-- [end:observe]


# --8<-- [start:rule]
def predicted_capacity(new_size: int, old_size: int, allocated: int) -> int:
    """The capacity CPython's list_resize() picks when a list of `old_size` needs `new_size`."""
    if allocated >= new_size >= allocated >> 1:
        return allocated  # room already, and not so empty that it should shrink
    grown = (new_size + (new_size >> 3) + 6) & ~3  # about 1/8 extra, a multiple of 4
    if new_size - old_size > grown - new_size:
        grown = (new_size + 3) & ~3  # a big jump (extend) gets no extra
    return 0 if new_size == 0 else grown


# --8<-- [end:rule]


def main() -> None:
    # --8<-- [start:demo]
    print(capacities_seen(100))
    #> [0, 4, 8, 16, 24, 32, 40, 52, 64, 76, 92, 108]
    steps = capacities_seen(1_000_000)
    print(len(steps) - 1, "reallocations for a million appends")
    #> 86 reallocations for a million appends
    print(f"last: {steps[-2]:,} -> {steps[-1]:,} slots, {steps[-1] / steps[-2]:.3f}x")
    #> last: 938,736 -> 1,056,084 slots, 1.125x
    exact = [0] * 10  # built at its final size: no spare slots
    before = capacity(exact)
    exact.append(0)  # the first append over-allocates: 11 + 1 + 6, rounded down to 16
    print(before, "->", capacity(exact))
    #> 10 -> 16
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
