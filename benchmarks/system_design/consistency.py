"""How long the consistency checker's two searches take, at 12 and at 24 operations.

Two kinds of history. A hard one: half the calls are concurrent writes, the
rest concurrent reads of them, and a last read of the initial value that no
order can explain, so the search must rule out every set of placed writes
before it says no (the time grows exponentially with the writes). And random ones,
like those the property tests generate, which the pruning decides at once.
The causal check is a cycle search on a graph of writes, not a search of
orders, so it is not measured here.

    .venv/bin/python benchmarks/system_design/consistency.py
"""

from __future__ import annotations

import random

from benchmarks.timing import CPU_CLOCK, per_operation, quick_mode, report
from examples.system_design.consistency.checker import (
    is_linearizable,
    is_sequentially_consistent,
)
from examples.system_design.consistency.history import History, r, w

SIZES = (6, 12) if quick_mode() else (12, 24)
RANDOM_HISTORIES = 5 if quick_mode() else 50


def hard(size: int) -> History:
    writes = size // 2
    ops = [w(f"W{i}", "x", i, 0, 100) for i in range(1, writes + 1)]
    ops += [r(f"R{i}", "x", i, 0, 100) for i in range(1, size - writes)]
    ops.append(r("Z", "x", 0, 200, 300))
    return History(ops)


def random_history(size: int, rng: random.Random) -> History:
    clock = {p: 0 for p in "ABCDEF"}
    skeleton = []
    for value in range(1, size + 1):
        process = rng.choice("ABCDEF")
        invoke = clock[process] + rng.randint(1, 3)
        clock[process] = invoke + rng.randint(0, 8)
        skeleton.append((process, rng.choice("wr"), rng.choice("xy"), value, invoke, clock[process]))
    written = {"x": [0], "y": [0]}
    for _, kind, key, value, _, _ in skeleton:
        if kind == "w":
            written[key].append(value)
    return History(
        w(p, key, value, start, end) if kind == "w" else r(p, key, rng.choice(written[key]), start, end)
        for p, kind, key, value, start, end in skeleton
    )


def checks(check, build):
    def workload(size: int):
        histories = build(size)

        def run() -> None:
            for history in histories:
                check(history)

        return run, len(histories)

    return workload


def main() -> None:
    def hard_one(size: int) -> list[History]:
        return [hard(size)]

    def randoms(size: int) -> list[History]:
        rng = random.Random(size)  # noqa: S311 - a repeatable workload, not a secret
        return [random_history(size, rng) for _ in range(RANDOM_HISTORIES)]

    for name, check in (
        ("linearizable", is_linearizable),
        ("sequential", is_sequentially_consistent),
    ):
        repeats = 1 if name == "linearizable" else 3
        report(f"{name}, hard history", per_operation(checks(check, hard_one), SIZES, repeats, CPU_CLOCK))
        report(f"{name}, random histories", per_operation(checks(check, randoms), SIZES, 3, CPU_CLOCK))


if __name__ == "__main__":
    main()
