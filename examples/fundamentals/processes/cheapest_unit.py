"""Which unit of concurrency costs the least memory, measured in fresh interpreters.

The numbers themselves are in benchmarks/fundamentals_processes.py; the order
is what holds on any Linux machine.
"""

from __future__ import annotations

from examples.fundamentals.processes.footprint import measure_fresh

COUNTS = {"task": 10_000, "thread": 200, "fork": 4, "spawn": 4}

# --8<-- [start:demo]
if __name__ == "__main__":
    private = {kind: measure_fresh(kind, n).private_kib for kind, n in COUNTS.items()}
    print("cheapest to dearest:", sorted(private, key=private.get))
    #> cheapest to dearest: ['task', 'thread', 'fork', 'spawn']
# --8<-- [end:demo]
