"""Click events: recorded per redirect without waiting, counted per link per day, dropped when full."""

from __future__ import annotations

import secrets
import socket
from datetime import date, timedelta

import pytest
import redis
from fastapi.testclient import TestClient

from examples.system_design.url_shortener.clicks import ClickLog, clicks_per_day
from examples.system_design.url_shortener.sandbox import Sandbox
from examples.system_design.url_shortener.server import redis_client
from tests.system_design.url_shortener.conftest import MovableClock


def test_each_get_redirect_is_one_click_on_its_day(client: TestClient, box: Sandbox, clock: MovableClock) -> None:
    code = client.post("/links", json={"url": "https://example.com/c"}).json()["code"]
    for _ in range(3):
        assert client.get(f"/{code}", follow_redirects=False).status_code == 302
    assert client.head(f"/{code}", follow_redirects=False).status_code == 302  # not a visit
    assert client.get("/zzzzzzz", follow_redirects=False).status_code == 404  # not a click
    clock.now += timedelta(days=1)
    client.get(f"/{code}", follow_redirects=False)
    clicks: ClickLog = box.app.state.clicks
    assert clicks.flush()
    assert clicks_per_day(box.redis, clicks.stream) == {
        (code, date(2026, 3, 1)): 3,
        (code, date(2026, 3, 2)): 1,
    }
    assert (clicks.dropped, clicks.failed) == (0, 0)


@pytest.fixture
def stuck_redis() -> redis.Redis:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        client = redis_client(f"redis://127.0.0.1:{sock.getsockname()[1]}/0", timeout=0.3)
        yield client
        client.close()


def test_a_full_queue_drops_clicks_instead_of_blocking(stuck_redis: redis.Redis) -> None:
    clicks = ClickLog(stuck_redis, "s", capacity=1, batch=1)
    try:
        at = MovableClock().now
        for _ in range(50):  # the writer is stuck on the first: the queue fills
            clicks.record("abc", at)
        assert clicks.flush(timeout=30)
        assert clicks.dropped >= 45
        assert clicks.dropped + clicks.failed == 50  # every click written or counted lost
    finally:
        clicks.close()


def test_a_failed_write_counts_the_lost_clicks(redis_url: str) -> None:
    with socket.socket() as sock:  # nobody listens here
        sock.bind(("127.0.0.1", 0))
        dead = redis_client(f"redis://127.0.0.1:{sock.getsockname()[1]}/0", timeout=0.2)
    clicks = ClickLog(dead, "s")
    at = MovableClock().now
    for _ in range(3):
        clicks.record("abc", at)
    assert clicks.flush()
    assert (clicks.dropped, clicks.failed) == (0, 3)
    clicks.close()


def test_the_stream_is_trimmed_to_about_max_len(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, socket_timeout=5)
    stream = f"ex_short_{secrets.token_hex(6)}:clicks"
    clicks = ClickLog(client, stream, max_len=10, batch=1_000)
    try:
        at = MovableClock().now
        for _ in range(2_000):
            clicks.record("abc", at)
        assert clicks.flush()
        assert client.xlen(stream) < 2_000  # approximate trimming: whole nodes go
    finally:
        clicks.close()
        client.delete(stream)
        client.close()


@pytest.mark.parametrize("options", [{"capacity": 0}, {"batch": 0}, {"max_len": 0}])
def test_bad_settings_are_refused(options: dict) -> None:
    with pytest.raises(ValueError, match="must be >= 1"):
        ClickLog(redis.Redis(), "s", **options)
