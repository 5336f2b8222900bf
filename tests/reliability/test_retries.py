"""Retry rules: what is retried, how long we wait, and the budget."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.reliability.deadlines import Deadline
from examples.reliability.retries import (
    Response,
    RetryBudget,
    RetryPolicy,
    call_with_retries,
    full_jitter,
    is_retryable,
    is_retryable_error,
    retry_after_seconds,
)


def seeded(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - repeatable jitter, not a secret


T0 = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
def test_transient_statuses_are_retried_for_idempotent_methods(status: int) -> None:
    assert is_retryable("GET", status)
    assert is_retryable("put", status)  # method names are case-insensitive


@pytest.mark.parametrize("status", [200, 400, 401, 403, 404, 409, 422, 500, 501])
def test_other_statuses_are_not_retried(status: int) -> None:
    assert not is_retryable("GET", status)


def test_post_is_retried_only_with_an_idempotency_key() -> None:
    assert not is_retryable("POST", 503)
    assert not is_retryable("PATCH", 503)
    assert is_retryable("POST", 503, idempotency_key=True)


@given(st.integers(1, 40), st.integers(0, 2**32))
def test_full_jitter_stays_between_zero_and_the_capped_ceiling(
    attempt: int, seed: int
) -> None:
    wait = full_jitter(attempt, base=0.1, cap=5.0, rng=seeded(seed))
    assert 0 <= wait <= min(5.0, 0.1 * 2 ** (attempt - 1))


def test_full_jitter_spreads_waits_rather_than_repeating_one() -> None:
    rng = seeded(3)
    waits = {round(full_jitter(4, 0.1, 5.0, rng), 6) for _ in range(100)}
    assert len(waits) > 90


def test_attempts_count_from_one() -> None:
    with pytest.raises(ValueError, match="counts from 1"):
        full_jitter(0, 0.1, 5.0, seeded(0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("Mon, 05 Jan 2026 12:00:30 GMT", 30.0),
        ("Mon, 05 Jan 2026 11:00:00 GMT", 0.0),  # in the past: go now
        (None, None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_retry_after_reads_seconds_or_an_http_date(
    value: str | None, expected: float | None
) -> None:
    assert retry_after_seconds(value, T0) == expected


def test_the_budget_allows_about_ratio_retries_once_savings_are_spent() -> None:
    budget = RetryBudget(ratio=0.1, max_tokens=10)
    spent = 0
    for _ in range(1000):
        budget.on_request()
        spent += budget.try_spend()
    # 10 saved tokens plus 0.1 per request; the bucket was full at the start,
    # so the first deposits are lost to the cap.
    assert 100 <= spent <= 110


def test_the_budget_never_holds_more_than_max_tokens() -> None:
    budget = RetryBudget(ratio=0.5, max_tokens=3)
    for _ in range(100):
        budget.on_request()
    assert budget.tokens == 3
    assert [budget.try_spend() for _ in range(4)] == [True, True, True, False]


@pytest.mark.parametrize(("ratio", "cap"), [(0, 10), (-0.1, 10), (1.5, 10), (0.1, 0.5)])
def test_bad_budget_settings_are_refused(ratio: float, cap: float) -> None:
    with pytest.raises(ValueError):
        RetryBudget(ratio=ratio, max_tokens=cap)


def run(
    answers: list[Response | Exception],
    method: str = "GET",
    budget: RetryBudget | None = None,
    **options,
):
    """Call through `answers` (a response or an exception to raise, in order)."""
    slept: list[float] = []
    replies = iter(answers)

    def send() -> Response:
        reply = next(replies)
        if isinstance(reply, Exception):
            raise reply
        return reply

    last, attempts = call_with_retries(
        send,
        method,
        options.pop("policy", RetryPolicy(max_retries=3)),
        budget or RetryBudget(),
        sleep=slept.append,
        rng=seeded(0),
        now=lambda: T0,
        **options,
    )
    return last.status, attempts, slept


def test_a_success_is_not_retried() -> None:
    assert run([Response(200)]) == (200, 1, [])


def test_a_permanent_error_is_returned_at_once() -> None:
    assert run([Response(404), Response(200)]) == (404, 1, [])


def test_a_non_idempotent_request_is_not_retried() -> None:
    assert run([Response(503), Response(200)], method="POST") == (503, 1, [])


def test_retries_stop_after_max_retries() -> None:
    status, attempts, slept = run([Response(503)] * 10)
    assert (status, attempts, len(slept)) == (503, 4, 3)


def test_retry_after_is_honored_when_longer_than_our_backoff() -> None:
    _, _, slept = run([Response(429, retry_after="30"), Response(200)])
    assert slept == [30.0]


def test_an_empty_budget_fails_the_request_instead_of_retrying() -> None:
    budget = RetryBudget(ratio=0.1, max_tokens=1)
    budget.tokens = 0.0
    assert run([Response(503), Response(200)], budget=budget) == (503, 1, [])


def test_a_retry_after_longer_than_max_wait_gives_up_instead_of_sleeping() -> None:
    answers = [Response(503, retry_after="86400"), Response(200)]
    assert run(answers, policy=RetryPolicy(max_wait=30.0)) == (503, 1, [])


@given(st.integers(0, 10**6), st.floats(0.5, 120))
def test_no_wait_is_ever_longer_than_max_wait(asked: int, max_wait: float) -> None:
    answers: list[Response | Exception] = [Response(503, retry_after=str(asked))] * 4
    _, _, slept = run(answers, policy=RetryPolicy(max_wait=max_wait))
    assert all(wait <= max_wait for wait in slept)


def test_no_retry_whose_wait_outlasts_the_deadline() -> None:
    now = [0.0]
    deadline = Deadline.after(1.0, clock=lambda: now[0])
    answers = [Response(503, retry_after="2"), Response(200)]
    assert run(answers, deadline=deadline) == (503, 1, [])


def test_retries_that_fit_the_deadline_still_happen() -> None:
    deadline = Deadline.after(10.0, clock=lambda: 0.0)
    answers = [Response(503, retry_after="2"), Response(200)]
    assert run(answers, deadline=deadline) == (200, 2, [2.0])


def test_an_expired_deadline_means_no_retry() -> None:
    deadline = Deadline.after(0.0, clock=lambda: 0.0)
    assert run([Response(503), Response(200)], deadline=deadline) == (503, 1, [])


@pytest.mark.parametrize(
    "error", [ConnectionResetError("reset"), TimeoutError("slow"), ConnectionError()]
)
def test_transport_errors_on_an_idempotent_call_are_retried(error: Exception) -> None:
    status, attempts, slept = run([error, Response(200)])
    assert (status, attempts, len(slept)) == (200, 2, 1)


def test_a_reset_post_is_not_retried_it_may_have_been_done() -> None:
    with pytest.raises(ConnectionResetError):
        run([ConnectionResetError("reset"), Response(200)], method="POST")


def test_a_refused_post_is_retried_nothing_was_sent() -> None:
    assert run([ConnectionRefusedError(), Response(201)], method="POST")[:2] == (201, 2)


def test_the_last_transport_error_is_raised_when_retries_run_out() -> None:
    with pytest.raises(ConnectionResetError, match="4"):
        run([ConnectionResetError(str(n)) for n in range(1, 6)])


def test_other_exceptions_are_not_retried() -> None:
    with pytest.raises(ValueError):
        run([ValueError("bug"), Response(200)])


def test_a_post_with_an_idempotency_key_is_retried() -> None:
    answers = [Response(503), Response(201)]
    assert run(answers, method="POST", idempotency_key=True)[:2] == (201, 2)
    with pytest.raises(ConnectionResetError):
        run([ConnectionResetError(), Response(201)], method="POST")
    reset_then_ok = [ConnectionResetError(), Response(201)]
    assert run(reset_then_ok, method="POST", idempotency_key=True)[:2] == (201, 2)


@pytest.mark.parametrize(
    ("method", "error", "key", "expected"),
    [
        ("GET", TimeoutError(), False, True),
        ("POST", TimeoutError(), False, False),  # a timed-out POST: ambiguous
        ("POST", TimeoutError(), True, True),
        ("PATCH", ConnectionRefusedError(), False, True),
        ("GET", KeyError("x"), False, False),
    ],
)
def test_is_retryable_error(
    method: str, error: Exception, key: bool, expected: bool
) -> None:
    assert is_retryable_error(method, error, idempotency_key=key) is expected
