"""What a client sees: RateLimit fields on every response, 429 and Retry-After on refusal."""

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.rate_limiter.http_headers import (
    rate_limit_headers,
    status_for,
)
from examples.machine_coding.rate_limiter.token_bucket import TokenBucketLimiter

# --8<-- [start:http]
clock = ManualClock()
limiter = TokenBucketLimiter(3, 60, clock=clock)  # 3 requests, one back every 20 s


def respond(api_key: str) -> dict[str, str]:
    """The status and rate limit headers a handler would send for this request."""
    decision = limiter.allow(api_key)
    status = status_for(decision) or 200
    return {"status": str(int(status))} | rate_limit_headers(decision, window=60)


for _ in range(4):
    response = respond("api-key-123")
    print(response["status"], response["RateLimit"], response.get("Retry-After"))
    #> 200 "default";r=2;t=20 None
    #> 200 "default";r=1;t=20 None
    #> 200 "default";r=0;t=20 None
    #> 429 "default";r=0;t=20 20
print(response["RateLimit-Policy"])  # the same on every response
#> "default";q=3;w=60
clock.advance(20)
print(respond("api-key-123")["status"])
#> 200
# --8<-- [end:http]
