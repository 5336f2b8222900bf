"""Turn a Decision into HTTP: 429, Retry-After and the RateLimit fields.

Retry-After (RFC 9110, section 10.2.3) takes whole seconds. RateLimit-Policy
and RateLimit come from the IETF draft "RateLimit header fields for HTTP"
(draft-ietf-httpapi-ratelimit-headers-10), still a work in progress: many
APIs still send older RateLimit-Limit/-Remaining/-Reset or X-RateLimit-*.
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
    headers = {
        "RateLimit-Policy": f'"{policy}";q={decision.limit};w={math.ceil(window)}',
        "RateLimit": f'"{policy}";r={decision.remaining};t={math.ceil(decision.reset_after)}',
    }
    if not decision.allowed:
        # Round up: a client that retries after the floor would be refused again.
        headers["Retry-After"] = str(max(1, math.ceil(decision.retry_after)))
    return headers


def status_for(decision: Decision) -> HTTPStatus | None:
    """429 for a refusal; None means "let the handler answer"."""
    return None if decision.allowed else HTTPStatus.TOO_MANY_REQUESTS


# --8<-- [end:headers]
