"""Decide which consistency models a register history satisfies.

Linearizable and sequentially consistent are decided by searching for an
order of the operations (Wing and Gong's backtracking, with a cache of dead ends
as in Lowe's and Porcupine's checkers). The search is exponential in the worst
case, so those two refuse histories longer than MAX_OPERATIONS. Causal
consistency and the session guarantees are cycle checks on a graph of writes
and take any size.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from examples.system_design.consistency.history import INITIAL, History, Op

# The search can visit up to 2**n sets of placed operations. The worst case
# benchmarks/system_design/consistency.py builds takes under a second at 24.
MAX_OPERATIONS = 24


# --8<-- [start:search]
def _legal_order(ops: Sequence[Op], must_precede: Sequence[int]) -> list[Op] | None:
    """Find an order of `ops` in which every read returns the latest write before it.

    `must_precede[i]` is a bitmask of the ops that have to come before ops[i].
    Depth-first: place any op whose required predecessors are placed, and back
    up when a read cannot return its value. `dead_ends` remembers (placed set,
    register values) pairs that led nowhere, so no state is explored twice.
    """
    keys = {key: slot for slot, key in enumerate(sorted({op.key for op in ops}))}
    read_values = {(op.key, op.value) for op in ops if op.kind == "r"}
    everything = (1 << len(ops)) - 1
    dead_ends: set[tuple[int, tuple[int | None, ...]]] = set()
    order: list[int] = []

    def after(op: Op, values: tuple[int | None, ...]) -> tuple[int | None, ...] | None:
        """The register values once `op` runs, or None if it cannot run now."""
        slot = keys[op.key]
        if op.kind == "r":
            return values if values[slot] == op.value else None
        # A value no read returns is stored as None: all such values are alike.
        stored = op.value if (op.key, op.value) in read_values else None
        return (*values[:slot], stored, *values[slot + 1 :])

    def extend(placed: int, values: tuple[int | None, ...]) -> bool:
        if placed == everything:
            return True
        if (placed, values) in dead_ends:
            return False
        moves = []
        for i, op in enumerate(ops):
            if placed >> i & 1 or must_precede[i] & ~placed:
                continue  # already placed, or something must go first
            next_values = after(op, values)
            if next_values == values:
                # A move that changes no value (a read, or an unread write over
                # an unread one) never hurts: try it alone, not every order.
                moves = [(i, next_values)]
                break
            if next_values is not None:
                moves.append((i, next_values))
        for i, next_values in moves:
            order.append(i)
            if extend(placed | 1 << i, next_values):
                return True
            order.pop()
        dead_ends.add((placed, values))
        return False

    if extend(0, (INITIAL,) * len(keys)):
        return [ops[i] for i in order]
    return None


# --8<-- [end:search]


def _check_size(history: History) -> None:
    if not isinstance(history, History):
        raise TypeError(f"expected a History, got {type(history).__name__}")
    if len(history) > MAX_OPERATIONS:
        raise ValueError(
            f"history has {len(history)} operations; this checker searches "
            f"orderings and accepts at most {MAX_OPERATIONS}"
        )


def _process_order(ops: Sequence[Op]) -> list[int]:
    """Bitmasks: for each op, the earlier ops of the same process."""
    masks = [0] * len(ops)
    for i, op in enumerate(ops):
        for j, other in enumerate(ops):
            if other.process == op.process and other.invoke < op.invoke:
                masks[i] |= 1 << j
    return masks


# --8<-- [start:linearizable]
def linearization(history: History) -> list[Op] | None:
    """A total order that respects real time and register semantics, or None.

    Real time: if a returned before b was invoked, a comes first. Operations
    that overlap may go in either order.
    """
    _check_size(history)
    ops = history.ops
    must_precede = [
        sum(1 << j for j, a in enumerate(ops) if a.response < b.invoke) for b in ops
    ]
    return _legal_order(ops, must_precede)


def is_linearizable(history: History) -> bool:
    """True if some order of the calls, consistent with real time, explains every read."""
    return linearization(history) is not None


# --8<-- [end:linearizable]


# --8<-- [start:sequential]
def sequential_order(history: History) -> list[Op] | None:
    """A total order that respects each process's own order, or None.

    Unlike linearization, real time between processes does not count: a read
    may be placed before a write that had already returned to someone else.
    """
    _check_size(history)
    return _legal_order(history.ops, _process_order(history.ops))


def is_sequentially_consistent(history: History) -> bool:
    """True if one interleaving of the processes' programs explains every read."""
    return sequential_order(history) is not None


# --8<-- [end:sequential]


# --8<-- [start:causal]
def causal_past(history: History) -> dict[Op, set[Op]]:
    """For each op, every op that causally precedes it.

    Causality is process order plus writes-into (a write precedes each read
    that returned its value), closed under transitivity. The history's values
    are unique per key, so each read names the one write it saw.
    """
    ops = history.ops
    direct: dict[Op, set[Op]] = {op: set() for op in ops}
    for process in history.processes():
        mine = history.by_process(process)
        for before, after in pairwise(mine):
            direct[after].add(before)
    for op in ops:
        if op.kind == "r":
            seen = history.write_of(op)
            if seen is not None:
                direct[op].add(seen)
    past: dict[Op, set[Op]] = {}
    for op in ops:  # a search per op: fine for histories a person reads
        found: set[Op] = set()
        stack = list(direct[op])
        while stack:
            earlier = stack.pop()
            if earlier not in found:
                found.add(earlier)
                stack.extend(direct[earlier])
        past[op] = found
    return past


def causal_write_order(history: History) -> list[Op] | None:
    """One order of all writes that extends causality and every read agrees with.

    Each read must return the newest write, in that order, among the writes to
    its key in its causal past; a read of the initial value must have no such
    write. None if no order fits (or causality has a cycle).
    """
    if not isinstance(history, History):
        raise TypeError(f"expected a History, got {type(history).__name__}")
    past = causal_past(history)
    if any(op in earlier for op, earlier in past.items()):
        return None  # a cycle: some read saw a value from its own future
    writes = [op for op in history.ops if op.kind == "w"]
    newer: dict[Op | None, set[Op | None]] = {
        a: {b for b in writes if a in past[b]} for a in writes
    }
    for read in (op for op in history.ops if op.kind == "r"):
        seen = history.write_of(read)
        for write in past[read]:
            if write.kind == "w" and write.key == read.key and write != seen:
                if seen is None:
                    return None  # saw the initial value after a causally earlier write
                newer[write].add(seen)  # the write it returned must be newer
    return _topological_order(newer)


def is_causally_consistent(history: History) -> bool:
    """True if every read returns the newest write in its causal past, for one
    order of the writes that all processes share (causal convergence)."""
    return causal_write_order(history) is not None


# --8<-- [end:causal]


# --8<-- [start:sessions]
def reads_your_writes(history: History) -> bool:
    """After a process writes a key, its reads of that key return that write or a newer one.

    "Newer" is one version order per key, shared by every session, with the
    initial value first. Read your writes alone does not order a session's own
    two writes; Terry et al.'s monotonic writes does.
    """
    constraints = []
    for process in history.processes():
        mine: dict[str, list[Op]] = {}
        for op in history.by_process(process):
            if op.kind == "w":
                mine.setdefault(op.key, []).append(op)
            else:
                seen = history.write_of(op)
                constraints += [
                    (own, seen) for own in mine.get(op.key, []) if own != seen
                ]
    return _versions_can_be_ordered(history, constraints)


def monotonic_reads(history: History) -> bool:
    """A process's successive reads of a key never return an older version."""
    constraints = []
    for process in history.processes():
        last_seen: dict[str, Op | None] = {}
        for op in history.by_process(process):
            if op.kind != "r":
                continue
            seen = history.write_of(op)
            if op.key in last_seen and last_seen[op.key] != seen:
                constraints.append((last_seen[op.key], seen))
            last_seen[op.key] = seen
    return _versions_can_be_ordered(history, constraints)


def _versions_can_be_ordered(
    history: History, constraints: list[tuple[Op | None, Op | None]]
) -> bool:
    """Is there one version order per key, shared by all sessions, that puts
    each constraint's first version before its second?

    A version is a write, or None for the initial value, which comes first. As
    in Terry et al.'s model, every server applies writes in one agreed order.
    """
    newer: dict[Op | None, set[Op | None]] = {None: set()}
    for op in history.ops:
        if op.kind == "w":
            newer[None].add(op)
            newer[op] = set()
    for before, after in constraints:
        newer[before].add(after)
    return _topological_order(newer) is not None


def _topological_order(newer: dict[Op | None, set[Op | None]]) -> list[Op] | None:
    """Kahn's algorithm: the writes in an order that keeps every edge, or None on a cycle."""
    waiting = {node: 0 for node in newer}
    for targets in newer.values():
        for node in targets:
            waiting[node] += 1
    free = [node for node in newer if waiting[node] == 0]
    order: list[Op | None] = []
    while free:
        node = free.pop()
        order.append(node)
        for nxt in newer[node]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                free.append(nxt)
    if len(order) != len(newer):
        return None
    return [node for node in order if node is not None]


# --8<-- [end:sessions]


MODELS = ("linearizable", "sequential", "causal", "read-your-writes", "monotonic-reads")
# Column headings for tables that show every model.
SHORT_NAMES = {
    "linearizable": "lin",
    "sequential": "seq",
    "causal": "causal",
    "read-your-writes": "ryw",
    "monotonic-reads": "mr",
}


def classify(history: History) -> dict[str, bool]:
    """Every model this module checks, and whether the history satisfies it."""
    return {
        "linearizable": is_linearizable(history),
        "sequential": is_sequentially_consistent(history),
        "causal": is_causally_consistent(history),
        "read-your-writes": reads_your_writes(history),
        "monotonic-reads": monotonic_reads(history),
    }
