"""CPython frees most objects by reference counting; only cycles wait for the collector.

A dropped object without cycles is freed the moment its count reaches zero.
Objects in a cycle keep each other's counts above zero until the cyclic
garbage collector runs; gc.callbacks sees each run start and stop, which is
how the benchmark times the pauses. gc.freeze() moves every tracked object to
a permanent generation the collector skips, so a pre-fork server's workers do
not scan (and copy) the parent's objects.
"""

from __future__ import annotations

import gc
import weakref


class Node:
    """An object that may point at another."""

    def __init__(self) -> None:
        self.other: Node | None = None


# --8<-- [start:demo]
if __name__ == "__main__":
    freed: list[str] = []
    single = Node()
    weakref.finalize(single, freed.append, "single")
    del single  # count drops to zero: freed now
    print("after del, freed:", freed)
    #> after del, freed: ['single']
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle
    weakref.finalize(a, freed.append, "cycle")
    runs: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        runs.append(phase)

    gc.disable()  # so an automatic collection cannot run in between
    gc.callbacks.append(record)
    try:
        del a, b
        print("after del of a cycle, freed:", freed)
        #> after del of a cycle, freed: ['single']
        print("gc.collect() found unreachable:", gc.collect() >= 2, runs)
        #> gc.collect() found unreachable: True ['start', 'stop']
        print("freed:", freed)
        #> freed: ['single', 'cycle']
    finally:
        gc.callbacks.remove(record)  # a callback left behind runs on every collection
        gc.enable()
    # A pre-fork server: gc.disable() early, gc.freeze() just before fork(),
    # gc.enable() first thing in each child (the Python docs' recipe).
    gc.freeze()
    print("objects frozen > 0:", gc.get_freeze_count() > 0)
    #> objects frozen > 0: True
    gc.unfreeze()  # back to the oldest generation, so this demo leaves no trace
# --8<-- [end:demo]
