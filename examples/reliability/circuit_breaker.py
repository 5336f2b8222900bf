"""A circuit breaker: stop calling a dependency that keeps failing, then probe it.

Closed: calls go through; `failure_threshold` failures in a row open it.
Open: calls fail at once with CircuitOpen, for `reset_timeout` seconds.
Half-open: exactly one trial call goes through; its success closes the
breaker, its failure opens it again for another `reset_timeout`. A trial
that reports nothing within `reset_timeout` (it hangs, or its caller forgot
to report) counts as failed, so the breaker can never stay half-open forever.

Every admitted call gets a ticket, and an outcome counts only if its ticket
belongs to the current state: a slow call admitted while closed that ends
after the breaker opened changes nothing, and in half-open only the trial's
outcome counts. A lock makes the breaker safe to share between threads.

The clock is injected (any function returning monotonic seconds), so tests
and demos move time by hand instead of sleeping.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:breaker]
class State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpen(Exception):
    """Raised instead of calling the dependency: fail fast, try a fallback."""


@dataclass(frozen=True)
class Ticket:
    """Permission for one call; its outcome counts only in the same epoch."""

    epoch: int
    trial: bool


class CircuitBreaker:
    def __init__(
        self,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be >= 1, got {failure_threshold}")
        if reset_timeout <= 0:
            raise ValueError(f"reset_timeout must be > 0, got {reset_timeout}")
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self._clock = clock
        self._lock = threading.Lock()
        self._state = State.CLOSED
        self._epoch = 0  # changes with every state change and every trial
        self._failures = 0  # consecutive, while closed
        self._opened_at = 0.0
        self._trial_started: float | None = None  # None: no trial in flight

    @property
    def state(self) -> State:
        with self._lock:
            return self._current()

    def _current(self) -> State:
        """The state now; moves on by the clock. Call with the lock held."""
        now = self._clock()
        trial = self._trial_started
        if trial is not None and now - trial >= self.reset_timeout:
            self._trip(at=trial + self.reset_timeout)  # the trial's lease ran out
        if self._state is State.OPEN and now - self._opened_at >= self.reset_timeout:
            self._state = State.HALF_OPEN
        return self._state

    def allow(self) -> Ticket | None:
        """A ticket if a call may go out now; in half-open only one at a time."""
        with self._lock:
            state = self._current()
            if state is State.CLOSED:
                return Ticket(self._epoch, trial=False)
            if state is State.HALF_OPEN and self._trial_started is None:
                self._epoch += 1  # calls admitted before this cannot decide
                self._trial_started = self._clock()
                return Ticket(self._epoch, trial=True)
            return None

    def _counts(self, ticket: Ticket) -> bool:
        state = self._current()
        return ticket.epoch == self._epoch and state is not State.OPEN

    def record_success(self, ticket: Ticket) -> None:
        with self._lock:
            if self._counts(ticket):
                if ticket.trial:
                    self._state, self._trial_started = State.CLOSED, None
                    self._epoch += 1
                self._failures = 0

    def record_failure(self, ticket: Ticket) -> None:
        with self._lock:
            if not self._counts(ticket):
                return  # a late outcome from an earlier state: ignore it
            self._failures += 1
            if ticket.trial or self._failures >= self.failure_threshold:
                self._trip(at=self._clock())

    def release(self, ticket: Ticket) -> None:
        """No verdict (the call was cancelled): let another caller be the trial."""
        with self._lock:
            if ticket.trial and self._counts(ticket):
                self._trial_started = None

    def _trip(self, at: float) -> None:
        self._state, self._opened_at = State.OPEN, at
        self._failures, self._trial_started = 0, None
        self._epoch += 1

    def call(self, operation: Callable[[], T]) -> T:
        """Run `operation` through the breaker; any Exception counts as a failure."""
        ticket = self.allow()
        if ticket is None:
            raise CircuitOpen(f"circuit {self.state.value}: not calling")
        try:
            result = operation()
        except Exception:
            self.record_failure(ticket)
            raise
        except BaseException:  # CancelledError, KeyboardInterrupt: not its fault
            self.release(ticket)
            raise
        self.record_success(ticket)
        return result


# --8<-- [end:breaker]

if __name__ == "__main__":
    # --8<-- [start:demo]
    now = [0.0]
    breaker = CircuitBreaker(
        failure_threshold=3, reset_timeout=10, clock=lambda: now[0]
    )

    def down() -> str:
        raise ConnectionError("refused")

    outcomes = []
    for _ in range(5):
        try:
            breaker.call(down)
        except (ConnectionError, CircuitOpen) as error:
            outcomes.append(type(error).__name__)
    print("errors from the dependency:", outcomes.count("ConnectionError"))
    #> errors from the dependency: 3
    print("failed fast, not sent:", outcomes.count("CircuitOpen"))
    #> failed fast, not sent: 2
    print("state:", breaker.state.value)
    #> state: open
    now[0] = 10.0
    print("after 10 s:", breaker.state.value)
    #> after 10 s: half-open
    trial, second = breaker.allow(), breaker.allow()
    print("trial:", trial is not None, "second caller:", second is not None)
    #> trial: True second caller: False
    assert trial is not None
    breaker.record_success(trial)
    print("trial succeeded:", breaker.state.value)
    #> trial succeeded: closed
    # --8<-- [end:demo]
