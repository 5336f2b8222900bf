"""Deadline propagation: every hop spends what is left of the caller's budget.

A fixed timeout per hop ignores how long the caller has already waited, so
the timeouts of a chain add up to more than the caller will ever wait. The
caller gives up and its downstream calls keep working for nobody. A deadline
travels with the request instead (here as a header of remaining
milliseconds), each hop waits at most what remains, and a hop whose budget is
gone does no work at all.

Time is simulated on an injected clock, so the output is the same on every
machine and every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# --8<-- [start:deadline]
BUDGET_HEADER = "x-request-budget-ms"


class Deadline:
    """An absolute moment on a monotonic clock past which nobody waits."""

    def __init__(self, expires_at: float, clock: Callable[[], float]) -> None:
        self.expires_at = expires_at
        self._clock = clock

    @classmethod
    def after(cls, seconds: float, clock: Callable[[], float]) -> Deadline:
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"a budget must be a finite number >= 0, got {seconds}")
        return cls(clock() + seconds, clock)

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.expires_at - self._clock())

    def expired(self) -> bool:
        return self.remaining() == 0.0

    def timeout_for(self, own_limit: float) -> float:
        """The timeout for one downstream call: our own limit or what is left."""
        return min(own_limit, self.remaining())

    def to_header(self) -> str:
        """Remaining budget in whole milliseconds, rounded down (never promise more)."""
        return str(math.floor(self.remaining() * 1000))

    @classmethod
    def from_header(
        cls,
        value: str | None,
        clock: Callable[[], float],
        limit_s: float,
        *,
        trusted: bool,
    ) -> Deadline:
        """This hop's deadline: our own `limit_s`, or less if the caller has less.

        Only a caller we run may set the header (`trusted`); at the public
        edge it is ignored (strip it there), so a client cannot buy itself
        more of our time. Clocks differ between machines, so the header
        carries a duration, not a timestamp: the receiver turns it into a
        deadline on its own clock. A malformed header is refused.
        """
        if value is None or not trusted:
            return cls.after(limit_s, clock)
        if not value.isdigit() or not value.isascii():
            raise ValueError(f"{BUDGET_HEADER} must be whole milliseconds: {value!r}")
        digits = value.lstrip("0") or "0"
        if len(digits) > 12:  # int() refuses over 4,300 digits; any of these is huge
            return cls.after(limit_s, clock)
        return cls.after(min(int(digits) / 1000, limit_s), clock)


# --8<-- [end:deadline]


# --8<-- [start:chain]
@dataclass(frozen=True)
class Hop:
    name: str
    work_s: float  # local work this hop does (before it calls the next hop)
    timeout_s: float  # the fixed timeout this hop puts on its downstream call


def run_chain(
    hops: list[Hop], caller_timeout_s: float, *, propagate: bool
) -> dict[str, float]:
    """Send one request down `hops` on a simulated clock starting at 0.

    Returns when each hop stopped working on it. Without `propagate` a hop
    knows only its own timeout; with it, each hop inherits the tighter of its
    caller's deadline and its own timeout, stops when that passes, and does
    nothing if it arrives already expired.
    """
    if not hops:
        raise ValueError("a chain needs at least one hop")
    busy_until: dict[str, float] = {}

    def call(index: int, start: float, deadline: float) -> float:
        """Run hop `index` from `start`; return when it answered (inf: it did not)."""
        hop = hops[index]
        if start >= deadline:
            busy_until[hop.name] = start  # the budget is gone: do no work
            return math.inf
        work_done = start + hop.work_s
        if work_done >= deadline:
            busy_until[hop.name] = deadline  # cancelled mid-work
            return math.inf
        if index == len(hops) - 1:
            busy_until[hop.name] = work_done
            return work_done
        give_up = min(work_done + hop.timeout_s, deadline)
        child_deadline = give_up if propagate else math.inf
        answered = call(index + 1, work_done, child_deadline)
        busy_until[hop.name] = min(answered, give_up)
        return answered if answered <= give_up else math.inf

    call(0, 0.0, caller_timeout_s if propagate else math.inf)
    return busy_until


def wasted_seconds(busy_until: dict[str, float], caller_timeout_s: float) -> float:
    """Work done, summed over hops, after the first caller had stopped waiting."""
    return sum(max(0.0, until - caller_timeout_s) for until in busy_until.values())


# --8<-- [end:chain]

if __name__ == "__main__":
    # --8<-- [start:demo]
    now = [0.0]
    deadline = Deadline.after(1.0, clock=lambda: now[0])
    now[0] = 0.35  # the gateway spent 350 ms before its first downstream call
    print("sent downstream:", BUDGET_HEADER, "=", deadline.to_header())
    #> sent downstream: x-request-budget-ms = 650
    print("timeout for a call whose own limit is 2 s:", deadline.timeout_for(2.0))
    #> timeout for a call whose own limit is 2 s: 0.65

    chain = [
        Hop("gateway", work_s=0.05, timeout_s=1.0),
        Hop("orders", work_s=0.10, timeout_s=1.0),
        Hop("inventory", work_s=0.10, timeout_s=1.0),
        Hop("database", work_s=2.50, timeout_s=0.0),  # a slow query
    ]
    fixed = run_chain(chain, caller_timeout_s=1.0, propagate=False)
    print("fixed 1 s per hop:", ", ".join(f"{n} {t:.2f}" for n, t in fixed.items()))
    #> fixed 1 s per hop: database 2.75, inventory 1.25, orders 1.15, gateway 1.05
    print(f"  work after the client gave up: {wasted_seconds(fixed, 1.0):.2f} s")
    #>   work after the client gave up: 2.20 s
    passed = run_chain(chain, caller_timeout_s=1.0, propagate=True)
    print("deadline passed on:", ", ".join(f"{n} {t:.2f}" for n, t in passed.items()))
    #> deadline passed on: database 1.00, inventory 1.00, orders 1.00, gateway 1.00
    print(f"  work after the client gave up: {wasted_seconds(passed, 1.0):.2f} s")
    #>   work after the client gave up: 0.00 s
    # --8<-- [end:demo]
