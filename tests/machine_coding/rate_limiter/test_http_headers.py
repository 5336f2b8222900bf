"""Decisions become 429, Retry-After and RateLimit fields."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.http_headers import rate_limit_headers, status_for


def test_an_admitted_request_gets_quota_headers_and_no_retry_after() -> None:
    decision = Decision(True, 100, 42, 0.0, 17.2)
    assert status_for(decision) is None
    assert rate_limit_headers(decision, window=60) == {
        "RateLimit-Policy": '"default";q=100;w=60',
        "RateLimit": '"default";r=42;t=18',
    }


@pytest.mark.parametrize(("retry_after", "header"), [(0.2, "1"), (1.0, "1"), (1.01, "2"), (29.5, "30")])
def test_a_refusal_is_429_with_retry_after_rounded_up(retry_after: float, header: str) -> None:
    decision = Decision(False, 10, 0, retry_after, 30.0)
    assert status_for(decision) == HTTPStatus.TOO_MANY_REQUESTS
    headers = rate_limit_headers(decision, window=60, policy="per-user")
    assert headers["Retry-After"] == header
    assert headers["RateLimit"] == '"per-user";r=0;t=30'


@pytest.mark.parametrize("policy", ["", "Default", 'a";q=1', "x" * 40])
def test_policy_names_that_would_break_the_header_are_refused(policy: str) -> None:
    with pytest.raises(ValueError, match="policy name"):
        rate_limit_headers(Decision(True, 1, 0, 0.0, 1.0), window=1, policy=policy)
