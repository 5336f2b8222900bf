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
        # At most 5 a minute and 20 a day, in bursts of 2 and 5.
        answers = [http.post("/v1/check", json=body).json() for _ in range(4)]
        print([(a["status"], a["decided_by"]) for a in answers])
        #> [(200, 'redis'), (200, 'redis'), (429, 'redis'), (429, 'deny-cache')]
        for name, value in answers[2]["headers"].items():
            print(f"{name}: {value}")
            #> RateLimit-Policy: "minute";q=5;w=60, "day";q=20;w=86400
            #> RateLimit: "minute";r=0;t=20, "day";r=3;t=5760
            #> Retry-After: 20
        print(answers[3]["headers"])  # refused from memory: no Redis call
        #> {'Retry-After': '20'}
        print(http.post("/v1/check", json={**body, "cost": 0}).status_code)
        #> 422
# --8<-- [end:exchange]
