"""Decisions become 429, Retry-After and RateLimit fields."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.factory import Algorithm
from examples.machine_coding.rate_limiter.http_headers import rate_limit_headers, status_for
from tests.machine_coding.rate_limiter.arrivals import Step, build, traffic


def test_an_admitted_request_gets_quota_headers_and_no_retry_after() -> None:
    decision = Decision(True, 100, 42, 0.0, 0.6, 17.2)
    assert status_for(decision) is None
    assert rate_limit_headers(decision, window=60) == {
        "RateLimit-Policy": '"default";q=100;w=60',
        "RateLimit": '"default";r=42;t=1',  # t: seconds until more quota, not until full
    }


@pytest.mark.parametrize(("retry_after", "header"), [(1e-9, "1"), (0.2, "1"), (1.0, "1"), (1.01, "2"), (29.5, "30")])
def test_a_refusal_is_429_with_retry_after_rounded_up(retry_after: float, header: str) -> None:
    decision = Decision(False, 10, 0, retry_after, retry_after, 30.0)
    assert status_for(decision) == HTTPStatus.TOO_MANY_REQUESTS
    headers = rate_limit_headers(decision, window=60, policy="per-user")
    assert headers["Retry-After"] == header
    assert headers["RateLimit"] == f'"per-user";r=0;t={header}'


@pytest.mark.parametrize("policy", ["", "Default", 'a";q=1', "x" * 40])
def test_policy_names_that_would_break_the_header_are_refused(policy: str) -> None:
    with pytest.raises(ValueError, match="policy name"):
        rate_limit_headers(Decision(True, 1, 0, 0.0, 1.0, 1.0), window=1, policy=policy)


@settings(max_examples=100, deadline=None)
@given(algorithm=st.sampled_from(list(Algorithm)), case=traffic())
def test_retry_after_is_never_earlier_than_t(algorithm: Algorithm, case: tuple[int, float, float, list[Step]]) -> None:
    """draft-ietf-httpapi-ratelimit-headers-10, section 6: Retry-After SHOULD NOT point before t."""
    limit, window, start, steps = case
    limiter, clock = build(algorithm, limit, window, start)
    for step in steps:
        clock.advance(window * step.gap)
        headers = rate_limit_headers(limiter.allow("k", step.cost), window=window)
        if "Retry-After" in headers:
            t = int(headers["RateLimit"].rpartition("t=")[2])
            assert int(headers["Retry-After"]) >= t
