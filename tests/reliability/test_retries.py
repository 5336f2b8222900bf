"""Retry rules: what is retried, how long we wait, and the budget."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.reliability.retries import (
    Response,
    RetryBudget,
    RetryPolicy,
    call_with_retries,
    full_jitter,
    is_retryable,
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


def run(answers: list[Response], method: str = "GET", budget: RetryBudget | None = None):
    slept: list[float] = []
    replies = iter(answers)
    last, attempts = call_with_retries(
        lambda: next(replies),
        method,
        RetryPolicy(max_retries=3),
        budget or RetryBudget(),
        sleep=slept.append,
        rng=seeded(0),
        now=lambda: T0,
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
