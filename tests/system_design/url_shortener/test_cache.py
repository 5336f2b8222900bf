"""The cache against real Redis: what an entry costs, and a Redis that is stuck or down."""

from __future__ import annotations

import re
import secrets
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import redis
from fastapi.testclient import TestClient

from examples.system_design.url_shortener.cache import LinkCache, entry_value
from examples.system_design.url_shortener.sandbox import Sandbox
from examples.system_design.url_shortener.server import redis_client
from examples.system_design.url_shortener.store import Link
from tests.support.example_files import DOCS_DIR

NOTEBOOK = DOCS_DIR / "system-design" / "url-shortener" / "estimation.py"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def notebook_constant(name: str) -> int:
    match = re.search(rf"^{name} = ([\d_]+)", NOTEBOOK.read_text(encoding="utf-8"), re.M)
    assert match, name
    return int(match.group(1).replace("_", ""))


def test_an_entry_takes_the_memory_the_notebook_assumes(redis_url: str) -> None:
    """MEMORY USAGE of the entry the service writes for a 200-byte URL (the notebook's average)."""
    client = redis.Redis.from_url(redis_url, socket_timeout=5)
    prefix = f"ex_short_{secrets.token_hex(6)}"  # the sandbox's prefix length
    url = "https://shop.example.com/landing?ref="
    link = Link("1000000", url + "x" * (200 - len(url)))
    cache = LinkCache(client, prefix)
    try:
        cache.put(link, NOW)
        key = cache.key(link.code)
        assert (len(key), len(entry_value(link))) == (34, 251)
        assert client.ttl(key) > 0
        assert client.memory_usage(key, samples=0) == notebook_constant("CACHE_ENTRY_BYTES")
    finally:
        client.delete(cache.key(link.code))
        client.close()


@pytest.fixture
def stuck_redis() -> Iterator[str]:
    """A listener that completes the TCP handshake and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)  # the kernel accepts; nobody ever reads or replies
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


def test_a_stuck_redis_costs_one_timeout_not_two_per_redirect(
    box: Sandbox, client: TestClient, stuck_redis: str, postgres_dsn: str
) -> None:
    from examples.scratch_postgres import connect
    from examples.system_design.url_shortener.app import create_app
    from examples.system_design.url_shortener.ranges import RangeAllocator, RangeCodes
    from examples.system_design.url_shortener.store import pool_of, pooled

    code = client.post("/links", json={"url": "https://example.com/slow"}).json()["code"]
    pool = pool_of(lambda: connect(box.schema, postgres_dsn), 1)
    stuck = LinkCache(redis_client(stuck_redis, timeout=0.2), box.prefix)
    try:
        borrow = pooled(pool)
        app = create_app(borrow, RangeCodes(RangeAllocator(borrow)), stuck)
        with TestClient(app) as slow:
            for _ in range(3):
                response = slow.get(f"/{code}", follow_redirects=False)
                assert response.status_code == 302
                assert response.headers["location"] == "https://example.com/slow"
    finally:
        pool.dispose()
    assert stuck.errors == 1  # the first read timed out
    assert stuck.skipped == 5  # its fill, and the next two reads and fills


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_breaker_tries_redis_again_after_the_cooldown() -> None:
    with socket.socket() as sock:  # a free port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    clock = FakeMonotonic()
    cache = LinkCache(redis_client(dead, timeout=0.2), "p", cooldown_seconds=5, monotonic=clock)
    assert cache.get("abc") is None and (cache.errors, cache.skipped) == (1, 0)
    clock.now += 4.9
    assert cache.get("abc") is None and (cache.errors, cache.skipped) == (1, 1)
    cache.put(Link("abc", "https://example.com/"), NOW)
    assert (cache.errors, cache.skipped) == (1, 2)
    clock.now += 0.1
    assert cache.get("abc") is None and (cache.errors, cache.skipped) == (2, 2)
    with pytest.raises(redis.RedisError):
        cache.forget("abc")  # invalidation is never skipped, and never quiet


@pytest.mark.parametrize(
    ("options", "message"),
    [({"ttl_seconds": 0}, "ttl_seconds must be at least 1"), ({"cooldown_seconds": -1}, "cooldown_seconds")],
)
def test_bad_settings_are_refused(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LinkCache(redis.Redis(), "p", **options)
