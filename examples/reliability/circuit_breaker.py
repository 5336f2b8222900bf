"""A circuit breaker: stop calling a dependency that keeps failing, then probe it.

Closed: calls go through; `failure_threshold` failures in a row open it.
Open: calls fail at once with CircuitOpen, for `reset_timeout` seconds.
Half-open: exactly one trial call goes through; its success closes the
breaker, its failure opens it again for another `reset_timeout`.

The clock is injected (any function returning monotonic seconds), so tests
and demos move time by hand instead of sleeping.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:breaker]
class State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpen(Exception):
    """Raised instead of calling the dependency: fail fast, try a fallback."""


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
        self._state = State.CLOSED
        self._failures = 0  # consecutive, while closed
        self._opened_at = 0.0
        self._trial_in_flight = False

    @property
    def state(self) -> State:
        """The state now: an open breaker whose timeout has passed is half-open."""
        if (
            self._state is State.OPEN
            and self._clock() - self._opened_at >= self.reset_timeout
        ):
            self._state = State.HALF_OPEN
        return self._state

    def allow(self) -> bool:
        """May a call go out now? In half-open, only one caller gets True."""
        state = self.state
        if state is State.CLOSED:
            return True
        if state is State.HALF_OPEN and not self._trial_in_flight:
            self._trial_in_flight = True
            return True
        return False

    def record_success(self) -> None:
        self._state = State.CLOSED
        self._failures = 0
        self._trial_in_flight = False

    def record_failure(self) -> None:
        if self._state is State.HALF_OPEN:
            self._trip()  # the trial failed: wait a full timeout again
            return
        self._failures += 1
        if self._failures >= self.failure_threshold:
            self._trip()

    def _trip(self) -> None:
        self._state = State.OPEN
        self._opened_at = self._clock()
        self._failures = 0
        self._trial_in_flight = False

    def call(self, operation: Callable[[], T]) -> T:
        """Run `operation` through the breaker; any exception counts as a failure."""
        if not self.allow():
            raise CircuitOpen(f"circuit {self.state.value}: not calling")
        try:
            result = operation()
        except Exception:
            self.record_failure()
            raise
        self.record_success()
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
    print("trial:", breaker.allow(), "second caller:", breaker.allow())
    #> trial: True second caller: False
    breaker.record_success()
    print("trial succeeded:", breaker.state.value)
    #> trial succeeded: closed
    # --8<-- [end:demo]
