"""Hypothesis strategies for register histories, and brute-force checkers to compare with.

The brute-force checkers try every permutation, straight from the definitions,
so they share no code with examples/system_design/consistency/checker.py.
"""

from __future__ import annotations

from itertools import permutations

from hypothesis import strategies as st

from examples.system_design.consistency.history import INITIAL, History, Op, r, w

PROCESSES = "ABCD"
KEYS = "xy"


@st.composite
def skeletons(draw: st.DrawFn, max_ops: int) -> list[tuple[str, str, str, int, int, float]]:
    """(process, kind, key, invoke, response, where in the call it takes effect)."""
    clock: dict[str, int] = {}
    calls = []
    for _ in range(draw(st.integers(0, max_ops))):
        process = draw(st.sampled_from(PROCESSES))
        invoke = clock.get(process, 0) + draw(st.integers(1, 3))
        response = invoke + draw(st.integers(0, 8))
        clock[process] = response
        effect = draw(st.floats(0, 1))
        calls.append((process, draw(st.sampled_from("wr")), draw(st.sampled_from(KEYS)), invoke, response, effect))
    return calls


@st.composite
def atomic_histories(draw: st.DrawFn, max_ops: int = 10) -> History:
    """Histories of a single correct register: each call takes effect at one
    instant inside its interval, in the order of those instants."""
    calls = draw(skeletons(max_ops))
    at_instant = sorted(calls, key=lambda c: c[3] + c[5] * (c[4] - c[3]))
    state: dict[str, int] = {}
    ops = []
    for value, (process, kind, key, invoke, response, _) in enumerate(at_instant, start=1):
        if kind == "w":
            state[key] = value
            ops.append(w(process, key, value, invoke, response))
        else:
            ops.append(r(process, key, state.get(key, INITIAL), invoke, response))
    return History(ops)


@st.composite
def any_histories(draw: st.DrawFn, max_ops: int = 6) -> History:
    """Valid histories whose reads return any value ever written to their key."""
    calls = draw(skeletons(max_ops))
    written = {key: [INITIAL] for key in KEYS}
    for value, (_, kind, key, *_rest) in enumerate(calls, start=1):
        if kind == "w":
            written[key].append(value)
    ops = []
    for value, (process, kind, key, invoke, response, _) in enumerate(calls, start=1):
        if kind == "w":
            ops.append(w(process, key, value, invoke, response))
        else:
            ops.append(r(process, key, draw(st.sampled_from(written[key])), invoke, response))
    return History(ops)


def _legal(order: tuple[Op, ...] | list[Op]) -> bool:
    state: dict[str, int] = {}
    for op in order:
        if op.kind == "w":
            state[op.key] = op.value
        elif state.get(op.key, INITIAL) != op.value:
            return False
    return True


def brute_linearizable(history: History) -> bool:
    ops = list(history)
    for order in permutations(ops):
        in_real_time = all(
            not order[j].response < order[i].invoke for i in range(len(order)) for j in range(i + 1, len(order))
        )
        if in_real_time and _legal(order):
            return True
    return False


def brute_sequential(history: History) -> bool:
    ops = list(history)
    for order in permutations(ops):
        in_program_order = all(
            not (order[j].process == order[i].process and order[j].invoke < order[i].invoke)
            for i in range(len(order))
            for j in range(i + 1, len(order))
        )
        if in_program_order and _legal(order):
            return True
    return False


def causality(history: History) -> list[list[bool]]:
    """before[i][j]: op i causally precedes op j (Floyd-Warshall closure)."""
    ops = list(history)
    n = len(ops)
    before = [[False] * n for _ in range(n)]
    for i, a in enumerate(ops):
        for j, b in enumerate(ops):
            same_process = a.process == b.process and a.invoke < b.invoke
            writes_into = a.kind == "w" and b.kind == "r" and (a.key, a.value) == (b.key, b.value)
            before[i][j] = same_process or writes_into
    for k in range(n):
        for i in range(n):
            for j in range(n):
                before[i][j] = before[i][j] or (before[i][k] and before[k][j])
    return before


def brute_causal(history: History) -> bool:
    """Causal convergence: some order of all writes that extends causality, in
    which each read returns the newest write to its key in its causal past."""
    ops = list(history)
    before = causality(history)
    if any(before[i][i] for i in range(len(ops))):
        return False
    writes = [i for i, op in enumerate(ops) if op.kind == "w"]
    reads = [i for i, op in enumerate(ops) if op.kind == "r"]
    for order in permutations(writes):
        rank = {i: n for n, i in enumerate(order)}
        if any(before[a][b] and rank[a] > rank[b] for a in writes for b in writes):
            continue
        if all(_returns_newest_in_past(ops, before, rank, r) for r in reads):
            return True
    return False


def _returns_newest_in_past(ops: list[Op], before: list[list[bool]], rank: dict[int, int], r: int) -> bool:
    past = [w for w in rank if before[w][r] and ops[w].key == ops[r].key]
    if not past:
        return ops[r].value == INITIAL
    return ops[max(past, key=rank.__getitem__)].value == ops[r].value


def brute_causal_memory(history: History) -> bool:
    """Ahamad et al.'s causal memory: each process has its own legal order of its
    operations and all writes, extending causality."""
    ops = list(history)
    before = causality(history)
    if any(before[i][i] for i in range(len(ops))):
        return False
    for process in {op.process for op in ops}:
        view = [i for i, op in enumerate(ops) if op.kind == "w" or op.process == process]
        if not any(
            all(not before[order[j]][order[i]] for i in range(len(order)) for j in range(i + 1, len(order)))
            and _legal([ops[i] for i in order])
            for order in permutations(view)
        ):
            return False
    return True


def _version_orders(history: History, key: str) -> list[list[Op | None]]:
    """Every order of a key's writes, after the initial value (None)."""
    writes = [op for op in history if op.kind == "w" and op.key == key]
    return [[None, *order] for order in permutations(writes)]


def brute_reads_your_writes(history: History) -> bool:
    """One version order per key, shared by every session: each read returns a
    version at least as new as every earlier write of its own session."""

    def holds(order: list[Op | None], key: str) -> bool:
        rank = {version: n for n, version in enumerate(order)}
        for process in {op.process for op in history}:
            own: list[Op] = []
            for op in history.by_process(process):
                if op.key != key:
                    continue
                if op.kind == "w":
                    own.append(op)
                elif any(rank[history.write_of(op)] < rank[mine] for mine in own):
                    return False
        return True

    return all(any(holds(order, key) for order in _version_orders(history, key)) for key in history.registers())


def brute_monotonic_reads(history: History) -> bool:
    """One version order per key, shared by every session: a session's reads
    of a key never return a lower version than its previous read."""

    def holds(order: list[Op | None], key: str) -> bool:
        rank = {version: n for n, version in enumerate(order)}
        for process in {op.process for op in history}:
            last = 0
            for op in history.by_process(process):
                if op.key == key and op.kind == "r":
                    seen = rank[history.write_of(op)]
                    if seen < last:
                        return False
                    last = seen
        return True

    return all(any(holds(order, key) for order in _version_orders(history, key)) for key in history.registers())
