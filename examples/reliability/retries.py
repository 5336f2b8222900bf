"""Retry the errors that can succeed later, with full jitter, inside a budget.

Three rules, each a small function: what is retryable, how long to wait
(full jitter, or longer when the server says `Retry-After`), and whether
this client may retry at all right now (a token bucket of retries that fills
by a fraction of each request). `call_with_retries` combines them, and
gives up rather than wait past the request's deadline or longer than the
policy allows; sleeping and randomness are injected, so tests and the demo
never wait.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from examples.reliability.deadlines import Deadline

# --8<-- [start:retryable]
# Errors that another try may not repeat. 408, 429 and 503 say "not now". 502
# and 504 come from a proxy, and the upstream may have done the work anyway:
# as ambiguous as a 500, so, like timeouts and resets, they are retried only
# when repeating the request is harmless.
RETRYABLE_STATUS = frozenset({408, 429, 502, 503, 504})
RETRYABLE_ERRORS = (ConnectionError, TimeoutError)  # reset, refused, timed out
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def safe_to_repeat(method: str, idempotency_key: bool) -> bool:
    """POST is not idempotent (RFC 9110, 9.2.2) unless the server deduplicates
    it by an idempotency key the client sends with every attempt."""
    return method.upper() in IDEMPOTENT_METHODS or idempotency_key


def is_retryable(method: str, status: int, *, idempotency_key: bool = False) -> bool:
    """Retry only if another try can succeed and cannot do the work twice."""
    return safe_to_repeat(method, idempotency_key) and status in RETRYABLE_STATUS


def is_retryable_error(
    method: str, error: Exception, *, idempotency_key: bool = False
) -> bool:
    """The same rule for an exception from sending: the commonest transient."""
    if isinstance(error, ConnectionRefusedError):
        return True  # nothing reached the server: safe for any method
    # A reset or a timeout may come after the server did the work.
    return safe_to_repeat(method, idempotency_key) and isinstance(
        error, RETRYABLE_ERRORS
    )


# --8<-- [end:retryable]


# --8<-- [start:wait]
def full_jitter(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Wait before retry number `attempt` (1, 2, ...): uniform in [0, ceiling].

    The ceiling doubles per attempt up to `cap`: AWS's "full jitter".
    """
    if attempt < 1:
        raise ValueError(f"attempt counts from 1, got {attempt}")
    ceiling = min(cap, base * 2 ** (attempt - 1))
    return rng.uniform(0, ceiling)


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds a `Retry-After` header asks for: delay-seconds or an HTTP-date.

    RFC 9110, 10.2.3. None when absent or unreadable (then our own backoff
    applies); a date in the past means zero.
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit() and value.isascii():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000" parses as naive; HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


# --8<-- [end:wait]


# --8<-- [start:budget]
class RetryBudget:
    """Retries may be at most about `ratio` of requests (a token bucket).

    Every first attempt deposits `ratio` of a token, every retry spends a
    whole one, and the bucket holds at most `max_tokens`, so a burst of
    failures after a quiet hour cannot spend an hour's savings at once.
    """

    def __init__(self, ratio: float = 0.1, max_tokens: float = 10.0) -> None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], got {ratio}")
        if max_tokens < 1:
            raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
        self.ratio = ratio
        self.max_tokens = max_tokens
        self.tokens = max_tokens

    def on_request(self) -> None:
        self.tokens = min(self.max_tokens, self.tokens + self.ratio)

    def try_spend(self) -> bool:
        """Take one token for a retry; False means fail now instead."""
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


# --8<-- [end:budget]


# --8<-- [start:call]
@dataclass(frozen=True)
class Response:
    status: int
    retry_after: str | None = None


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 3
    base: float = 0.1  # seconds: the first ceiling of our own backoff
    cap: float = 5.0  # seconds: the highest ceiling of our own backoff
    max_wait: float = 30.0  # a Retry-After above this: give up, do not wait


def call_with_retries(
    send: Callable[[], Response],
    method: str,
    policy: RetryPolicy,
    budget: RetryBudget,
    *,
    sleep: Callable[[float], None],
    rng: random.Random,
    now: Callable[[], datetime],
    idempotency_key: bool = False,
    deadline: Deadline | None = None,
) -> tuple[Response, int]:
    """Send, and retry what is retryable while policy, deadline and budget allow.

    Returns the last response and the number of attempts made, or raises the
    last exception from `send` when that one is not retried.
    """
    budget.on_request()
    attempts = 0
    while True:
        attempts += 1
        response: Response | None = None
        failure: Exception | None = None
        try:
            response = send()
            retryable = is_retryable(
                method, response.status, idempotency_key=idempotency_key
            )
        except Exception as error:  # sorted out by is_retryable_error below
            failure = error
            retryable = is_retryable_error(
                method, error, idempotency_key=idempotency_key
            )
        wait = full_jitter(attempts, policy.base, policy.cap, rng)
        asked = retry_after_seconds(response.retry_after if response else None, now())
        if asked is not None:
            wait = max(wait, asked)  # the server knows when it will have room
        if (
            not retryable
            or attempts > policy.max_retries
            or wait > policy.max_wait  # retrying sooner would ignore the server
            or (deadline is not None and wait >= deadline.remaining())
            or not budget.try_spend()
        ):
            if failure is not None:
                raise failure
            assert response is not None
            return response, attempts
        sleep(wait)


# --8<-- [end:call]

if __name__ == "__main__":
    # --8<-- [start:demo]
    rng = random.Random(42)
    waits = [round(full_jitter(n, base=0.1, cap=5.0, rng=rng), 3) for n in range(1, 8)]
    print("full-jitter waits:", waits)
    #> full-jitter waits: [0.064, 0.005, 0.11, 0.179, 1.178, 2.165, 4.461]
    print("retry a POST that got 503?", is_retryable("POST", 503))
    #> retry a POST that got 503? False
    print("with an idempotency key?", is_retryable("POST", 503, idempotency_key=True))
    #> with an idempotency key? True
    print("retry a GET that got 404?", is_retryable("GET", 404))
    #> retry a GET that got 404? False

    t0 = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
    print("Retry-After: 120 ->", retry_after_seconds("120", t0))
    #> Retry-After: 120 -> 120.0
    date = "Mon, 05 Jan 2026 12:00:30 GMT"
    print(f"Retry-After: {date} ->", retry_after_seconds(date, t0))
    #> Retry-After: Mon, 05 Jan 2026 12:00:30 GMT -> 30.0

    slept: list[float] = []
    answers = iter([Response(503, retry_after="2"), Response(503), Response(200)])
    last, attempts = call_with_retries(
        lambda: next(answers),
        "GET",
        RetryPolicy(),
        RetryBudget(),
        sleep=slept.append,
        rng=random.Random(1),
        now=lambda: t0,
    )
    print(
        last.status, "after", attempts, "attempts; waits", [round(s, 3) for s in slept]
    )
    #> 200 after 3 attempts; waits [2.0, 0.169]

    down_for_a_day = iter([Response(503, retry_after="86400"), Response(200)])
    last, attempts = call_with_retries(
        lambda: next(down_for_a_day),
        "GET",
        RetryPolicy(max_wait=30.0),
        RetryBudget(),
        sleep=slept.append,
        rng=random.Random(1),
        now=lambda: t0,
    )
    print("Retry-After: 86400 ->", last.status, "after", attempts, "attempt")
    #> Retry-After: 86400 -> 503 after 1 attempt
    # --8<-- [end:demo]
