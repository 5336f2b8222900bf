"""One client hitting the login route through the check service (in-process, real Redis)."""

# requires-server: redis

from fastapi.testclient import TestClient

from examples.data.redis.connection import redis_session
from examples.system_design.rate_limiter.service import create_app, limiter_client

NOW_US = 1_733_097_600_000_000

# --8<-- [start:exchange]
with redis_session("rl_service") as (_, prefix), limiter_client() as r:
    app = create_app(r, prefix, clock_us=lambda: NOW_US)
    with TestClient(app) as http:
        body = {"route": "login", "client": "ip:203.0.113.7"}
        for _ in range(6):  # login allows 5 a minute, 20 a day
            answer = http.post("/v1/check", json=body).json()
        print(answer["status"], answer["decided_by"])
        #> 429 redis
        for name, value in answer["headers"].items():
            print(f"{name}: {value}")
            #> RateLimit-Policy: "minute";q=5;w=60, "day";q=20;w=86400
            #> RateLimit: "minute";r=0;t=12, "day";r=15;t=4320
            #> Retry-After: 12
        print(http.post("/v1/check", json={**body, "cost": 0}).status_code)
        #> 422
# --8<-- [end:exchange]
