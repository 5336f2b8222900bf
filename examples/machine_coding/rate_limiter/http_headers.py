"""Turn a Decision into HTTP: 429, Retry-After and the RateLimit fields.

429 Too Many Requests comes from RFC 6585, section 4, which lets it carry
Retry-After; Retry-After itself is RFC 9110, section 10.2.3 (an HTTP-date or
whole seconds, "delay-seconds"). RateLimit-Policy and RateLimit come from the
Internet-Draft draft-ietf-httpapi-ratelimit-headers-10 (September 2025): work
in progress, not an RFC, and its fields have changed between revisions. Many
APIs still send the older RateLimit-Limit/-Remaining/-Reset or X-RateLimit-*.
"""

from __future__ import annotations

import math
import re
from http import HTTPStatus

from examples.machine_coding.rate_limiter.decision import Decision

_POLICY_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")


# --8<-- [start:headers]
def rate_limit_headers(
    decision: Decision, *, window: float, policy: str = "default"
) -> dict[str, str]:
    """Headers for any response the limiter saw, admitted or refused."""
    if not _POLICY_NAME.fullmatch(policy):
        raise ValueError(
            f"policy name must match {_POLICY_NAME.pattern}, got {policy!r}"
        )
    # Draft -10: q is the quota, w the window in whole seconds; r is what is
    # left, t the seconds until more quota becomes available.
    more_in = math.ceil(decision.next_unit_after)
    headers = {
        "RateLimit-Policy": f'"{policy}";q={decision.limit};w={math.ceil(window)}',
        "RateLimit": f'"{policy}";r={decision.remaining};t={more_in}',
    }
    if not decision.allowed:
        # Round up: a client that retries after the floor would be refused
        # again. It is never below t, as the draft asks: a refused cost is
        # more than `remaining`, so it waits at least until the next unit.
        headers["Retry-After"] = str(max(1, math.ceil(decision.retry_after)))
    return headers


def status_for(decision: Decision) -> HTTPStatus | None:
    """429 for a refusal; None means "let the handler answer"."""
    return None if decision.allowed else HTTPStatus.TOO_MANY_REQUESTS


# --8<-- [end:headers]
