"""Histories of reads and writes on registers: the input every checker here reads.

A history lists operations as clients saw them: who ran it (the process), read or
write, which register (the key), the value written or read, and when the call
started (invoke) and returned (response). Every register starts at INITIAL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Every register holds 0 before anyone writes it; no write may store 0 again,
# so a read of 0 always means "saw no write at all".
INITIAL = 0
KINDS = ("w", "r")


# --8<-- [start:op]
@dataclass(frozen=True)
class Op:
    """One completed call: `process` ran read or write `kind` on `key`."""

    process: str
    kind: str  # "w" or "r"
    key: str
    value: int  # the value written, or the value the read returned
    invoke: float  # when the client sent the call
    response: float  # when the client got the answer

    def label(self) -> str:
        """`w(x)1` or `r(x)0`: the operation without its process and times."""
        return f"{self.kind}({self.key}){self.value}"

    def __str__(self) -> str:
        return f"{self.process} {self.label()} [{_time(self.invoke)}, {_time(self.response)}]"


def _time(moment: object) -> str:
    # 2 rather than 2.0, and still printable when a bad value is being reported
    return f"{moment:g}" if isinstance(moment, int | float) else repr(moment)


def w(process: str, key: str, value: int, invoke: float, response: float) -> Op:
    """A write of `value` to `key` by `process` over [invoke, response]."""
    return Op(process, "w", key, value, invoke, response)


def r(process: str, key: str, value: int, invoke: float, response: float) -> Op:
    """A read of `key` by `process` that returned `value`."""
    return Op(process, "r", key, value, invoke, response)


# --8<-- [end:op]


# --8<-- [start:history]
class History:
    """A checked, immutable list of operations.

    Refuses input no checker could judge: a response before its invoke, a kind
    other than read or write, a process with two calls in flight at once, two
    writes of the same value to one key (the checkers tell writes apart by value),
    a write of INITIAL, and a read of a value nobody wrote.
    """

    def __init__(self, ops: Iterable[Op]) -> None:
        self.ops: tuple[Op, ...] = tuple(ops)
        for op in self.ops:
            _check_op(op)
        self._writes = _index_writes(self.ops)
        for op in self.ops:
            if (
                op.kind == "r"
                and op.value != INITIAL
                and (op.key, op.value) not in self._writes
            ):
                raise ValueError(
                    f"{op}: reads {op.value} from {op.key!r}, "
                    "which no operation in the history wrote"
                )
        _check_one_call_at_a_time(self.ops)

    def __len__(self) -> int:
        return len(self.ops)

    def __iter__(self) -> Iterator[Op]:
        return iter(self.ops)

    def __repr__(self) -> str:
        return f"History({list(self.ops)!r})"

    def processes(self) -> list[str]:
        """Process names in the order they first appear."""
        return list(dict.fromkeys(op.process for op in self.ops))

    def registers(self) -> list[str]:
        """Register names, sorted."""
        return sorted({op.key for op in self.ops})

    def by_process(self, process: str) -> list[Op]:
        """The operations of one process, in the order it ran them."""
        return sorted(
            (op for op in self.ops if op.process == process), key=lambda op: op.invoke
        )

    def write_of(self, op: Op) -> Op | None:
        """The write a read observed, or None if it returned INITIAL."""
        if op.kind != "r":
            raise ValueError(f"{op} is not a read")
        return self._writes.get((op.key, op.value))

    def restricted_to(self, key: str) -> History:
        """The sub-history of one register."""
        return History(op for op in self.ops if op.key == key)


# --8<-- [end:history]


def _check_op(op: Op) -> None:
    if not isinstance(op, Op):
        raise TypeError(f"a history holds Op values, got {type(op).__name__}")
    if op.kind not in KINDS:
        raise ValueError(f"{op}: kind must be 'w' or 'r', got {op.kind!r}")
    if not isinstance(op.value, int) or isinstance(op.value, bool):
        raise TypeError(f"{op}: value must be an int, got {type(op.value).__name__}")
    for name in ("invoke", "response"):
        moment = getattr(op, name)
        if isinstance(moment, bool) or not isinstance(moment, int | float):
            raise TypeError(f"{op}: {name} must be a number")
        if not math.isfinite(moment):
            raise ValueError(f"{op}: {name} must be finite")
    if op.response < op.invoke:
        raise ValueError(
            f"{op}: response {op.response:g} is before invoke {op.invoke:g}"
        )
    if op.kind == "w" and op.value == INITIAL:
        raise ValueError(f"{op}: writes {INITIAL}, the initial value of every register")


def _index_writes(ops: tuple[Op, ...]) -> dict[tuple[str, int], Op]:
    writes: dict[tuple[str, int], Op] = {}
    for op in ops:
        if op.kind != "w":
            continue
        earlier = writes.get((op.key, op.value))
        if earlier is not None:
            raise ValueError(
                f"{earlier} and {op} both write {op.value} to {op.key!r}: "
                "values written to one key must be unique"
            )
        writes[(op.key, op.value)] = op
    return writes


def _check_one_call_at_a_time(ops: tuple[Op, ...]) -> None:
    # A process is one client thread: its next call starts after the last returned.
    # That makes process order part of real-time order, so linearizable histories
    # are sequentially consistent by construction.
    last: dict[str, Op] = {}
    for op in sorted(ops, key=lambda op: (op.invoke, op.response)):
        previous = last.get(op.process)
        if previous is not None and not previous.response < op.invoke:
            raise ValueError(
                f"{previous} and {op} overlap: a process runs one call at a time"
            )
        last[op.process] = op
