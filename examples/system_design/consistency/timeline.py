"""Draw a history as an ASCII timeline: one row per process, time left to right."""

from __future__ import annotations

import math

from examples.system_design.consistency.history import History, Op


# --8<-- [start:timeline]
def timeline(history: History) -> str:
    """A time axis, then one row per process; each call is drawn as `[label]`
    over its interval. The scale (characters per time unit) is the smallest
    that fits every label.
    """
    if not isinstance(history, History):
        raise TypeError(f"expected a History, got {type(history).__name__}")
    if len(history) == 0:
        return ""
    if any(op.response == op.invoke for op in history):
        raise ValueError("a call that takes no time cannot be drawn; use listing()")
    start = min(op.invoke for op in history)
    scale = max(
        math.ceil((len(op.label()) + 1) / (op.response - op.invoke)) for op in history
    )
    width = max(len(process) for process in history.processes())
    end = max(op.response for op in history)
    rows = [f"{'t':<{width}}  {_axis(start, end, scale)}"]
    for process in history.processes():
        line: list[str] = []
        for op in history.by_process(process):
            first = round((op.invoke - start) * scale)
            last = round((op.response - start) * scale)
            line.extend(" " * (first - len(line)))
            line.extend(_bar(op, last - first + 1))
        rows.append(f"{process:<{width}}  {''.join(line)}".rstrip())
    return "\n".join(rows)


def _axis(start: float, end: float, scale: int) -> str:
    """Time labels, spaced so that no two touch."""
    step = 1
    while step * scale < len(f"{end:g}") + 1:
        step += 1
    line = ""
    moment = start
    while moment <= end:
        line += " " * (round((moment - start) * scale) - len(line)) + f"{moment:g}"
        moment += step
    return line


def _bar(op: Op, length: int) -> str:
    inside = op.label().center(length - 2, "-")
    return f"[{inside}]"


# --8<-- [end:timeline]


def listing(history: History) -> str:
    """One line per call, in invoke order: the form for calls too short to draw."""
    ordered = sorted(history, key=lambda op: (op.invoke, op.response, op.process))
    return "\n".join(str(op) for op in ordered)
