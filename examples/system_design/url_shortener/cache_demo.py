"""Cache-aside in action: a miss fills Redis, a hit skips PostgreSQL, delete and expiry invalidate."""

# requires-server: postgres, redis

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from examples.system_design.url_shortener.sandbox import sandbox


class Clock:
    """A clock the demo moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


if __name__ == "__main__":
    clock = Clock(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    with sandbox(clock) as box, TestClient(box.app) as client:
        stats = box.app.state.stats

        def follow(code: str) -> str:
            response = client.get(f"/{code}", follow_redirects=False)
            return f"{response.status_code} {stats.snapshot()}"

        # --8<-- [start:demo]
        code = client.post("/links", json={"url": "https://example.com/a"}).json()[
            "code"
        ]
        print("first click: ", follow(code))
        #> first click:  302 {'miss': 1}
        print("second click:", follow(code))
        #> second click: 302 {'miss': 1, 'hit': 1}
        print("ttl in Redis:", box.redis.ttl(f"{box.prefix}:link:{code}"), "s")
        #> ttl in Redis: 3600 s
        client.delete(f"/links/{code}")
        print("after delete:", follow(code))
        #> after delete: 404 {'miss': 2, 'hit': 1}

        body = {"url": "https://example.com/b", "expires_in_seconds": 30}
        code = client.post("/links", json=body).json()["code"]
        print("expiring:    ", follow(code), follow(code))
        #> expiring:     302 {'miss': 3, 'hit': 1} 302 {'miss': 3, 'hit': 2}
        print("ttl in Redis:", box.redis.ttl(f"{box.prefix}:link:{code}"), "s")
        #> ttl in Redis: 30 s
        clock.now += timedelta(seconds=30)  # Redis still holds it for a moment
        print("at expiry:   ", follow(code))
        #> at expiry:    404 {'miss': 4, 'hit': 2}
        # --8<-- [end:demo]
