"""The service's behavior on the real PostgreSQL and Redis: create, follow, delete, expire, errors."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx2
import pytest
from fastapi.testclient import TestClient

from examples.system_design.url_shortener.sandbox import Sandbox, sandbox
from examples.system_design.url_shortener.server import serving
from tests.system_design.url_shortener.conftest import MovableClock


def create(client: TestClient, url: str = "https://example.com/a", **options: object) -> str:
    response = client.post("/links", json={"url": url, **options})
    assert response.status_code == 201, response.text
    return response.json()["code"]


def follow(client: TestClient, code: str):
    return client.get(f"/{code}", follow_redirects=False)


def cached(box: Sandbox, code: str) -> bool:
    return box.redis.exists(f"{box.prefix}:link:{code}") == 1


def test_create_answers_201_with_the_link_and_its_location(client: TestClient) -> None:
    response = client.post("/links", json={"url": "https://example.com/a?b=1#c"})
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/links/{body['code']}"
    assert body == {
        "code": body["code"],
        "short_url": f"https://sho.rt/{body['code']}",
        "url": "https://example.com/a?b=1#c",  # stored exactly as given
        "permanent": False,
        "expires_at": None,
    }
    assert client.get(f"/links/{body['code']}").json() == body


def test_each_link_gets_a_new_code(client: TestClient) -> None:
    codes = [create(client) for _ in range(5)]  # the same URL twice is two links
    assert len(set(codes)) == 5


def test_redirect_sends_the_long_url_and_fills_the_cache(client: TestClient, box: Sandbox) -> None:
    code = create(client, "https://example.com/landing")
    assert not cached(box, code)
    first, second = follow(client, code), follow(client, code)
    assert first.status_code == second.status_code == 302
    assert first.headers["location"] == "https://example.com/landing"
    assert cached(box, code)
    assert box.app.state.stats.snapshot() == {"miss": 1, "hit": 1}


def test_a_cache_hit_does_not_read_the_table(client: TestClient, box: Sandbox, postgres_dsn: str) -> None:
    """Proof that hits come from Redis: drop the row behind the service's back."""
    from examples.scratch_postgres import connect

    code = create(client)
    follow(client, code)
    with connect(box.schema, postgres_dsn) as conn:
        conn.execute("DELETE FROM links WHERE code = %s", (code,))
    assert follow(client, code).status_code == 302  # served from the cache


def test_an_unknown_code_is_a_404_problem_that_is_not_cached(client: TestClient) -> None:
    response = follow(client, "zzzzzzz")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["cache-control"] == "no-store"
    assert response.json() == {
        "type": "https://api.example.com/problems/link-not-found",
        "title": "Link not found",
        "status": 404,
        "detail": "No live link has the code 'zzzzzzz'.",
        "instance": "/zzzzzzz",
    }


@pytest.mark.parametrize("code", ["a-b", "x" * 17, "%C3%A9"])
def test_a_malformed_code_is_a_404_that_touches_nothing(client: TestClient, box: Sandbox, code: str) -> None:
    response = follow(client, code)
    assert response.status_code == 404 and response.json()["status"] == 404
    assert box.app.state.stats.snapshot() == {}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"url": "javascript:alert(1)"}, "absolute http or https URL"),
        ({"url": "ftp://example.com/f"}, "absolute http or https URL"),
        ({"url": "/relative/path"}, "absolute http or https URL"),
        ({"url": "https://"}, "absolute http or https URL"),
        ({"url": "https://example.com/a b"}, "spaces or control characters"),
        ({"url": "https://example.com/\u65e5\u672c"}, "must be ASCII"),  # once a 201, then 500s
        ({"url": "https://example.com/\u00fc"}, "must be ASCII"),
        ({"url": "https://b\u00fccher.example/"}, "must be ASCII"),
        ({"url": "https://example.com/a\x7f"}, "must be ASCII"),  # DEL
        ({"url": "https://example.com/a\tb"}, "spaces or control characters"),
        ({"url": "https://example.com/" + "x" * 2_048}, "at most 2048 characters"),
        ({"url": 42}, "valid string"),
        ({}, "Field required"),
        ({"url": "https://example.com", "expires_in_seconds": 0}, "greater than or equal to 1"),
        ({"url": "https://example.com", "permanent": True, "expires_in_seconds": 60}, "cannot expire"),
    ],
)
def test_bad_input_is_a_422_that_points_at_the_mistake(
    client: TestClient, box: Sandbox, body: dict, detail: str, postgres_dsn: str
) -> None:
    response = client.post("/links", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "https://api.example.com/problems/validation-error"
    assert detail in problem["errors"][0]["detail"]
    assert problem["errors"][0]["pointer"].startswith("#")
    from examples.scratch_postgres import connect

    with connect(box.schema, postgres_dsn) as conn:  # nothing was half-written
        assert conn.execute("SELECT count(*) FROM links").fetchone() == (0,)


def test_delete_removes_the_row_and_the_cache_entry(client: TestClient, box: Sandbox) -> None:
    code = create(client)
    follow(client, code)
    assert cached(box, code)
    assert client.delete(f"/links/{code}").status_code == 204
    assert not cached(box, code)
    assert follow(client, code).status_code == 404
    assert client.get(f"/links/{code}").status_code == 404
    assert client.delete(f"/links/{code}").status_code == 404


def test_an_expiring_link_is_cached_no_longer_than_it_lives(
    client: TestClient, box: Sandbox, clock: MovableClock
) -> None:
    code = create(client, expires_in_seconds=30)
    assert follow(client, code).headers["cache-control"] == "private, max-age=30"
    assert 0 < box.redis.ttl(f"{box.prefix}:link:{code}") <= 30
    clock.now += timedelta(seconds=20)
    assert follow(client, code).headers["cache-control"] == "private, max-age=10"
    clock.now += timedelta(seconds=10)
    assert follow(client, code).status_code == 404  # the cache still held it
    assert not cached(box, code)


def test_in_the_last_second_an_expiring_link_says_no_store(client: TestClient, clock: MovableClock) -> None:
    code = create(client, expires_in_seconds=30)
    clock.now += timedelta(seconds=29, milliseconds=500)
    response = follow(client, code)
    assert response.status_code == 302 and response.headers["cache-control"] == "no-store"


def test_without_a_cache_every_redirect_reads_postgres(clock: MovableClock, postgres_dsn: str, redis_url: str) -> None:
    with (
        sandbox(clock, use_cache=False, dsn=postgres_dsn, redis_at=redis_url) as box,
        TestClient(box.app) as client,
    ):
        code = create(client)
        assert [follow(client, code).status_code for _ in range(3)] == [302] * 3
        assert box.app.state.stats.snapshot() == {"miss": 3}
        assert list(box.redis.scan_iter(match=f"{box.prefix}:link:*")) == []


def test_concurrent_creates_over_real_http_get_distinct_codes(box: Sandbox) -> None:
    async def create_many(base_url: str) -> list[str]:
        async with httpx2.AsyncClient(base_url=base_url, timeout=10) as client:
            responses = await asyncio.gather(
                *(client.post("/links", json={"url": f"https://example.com/{i}"}) for i in range(60))
            )
        assert {r.status_code for r in responses} == {201}
        return [r.json()["code"] for r in responses]

    with serving(box.app) as url:
        codes = asyncio.run(create_many(url))
    assert len(set(codes)) == 60


def test_a_dead_cache_degrades_to_postgres_instead_of_failing(
    box: Sandbox, client: TestClient, clock: MovableClock, postgres_dsn: str
) -> None:
    """A second app on the same tables, whose Redis is not there: redirects still work."""
    import socket

    from examples.scratch_postgres import connect
    from examples.system_design.url_shortener.app import create_app
    from examples.system_design.url_shortener.cache import LinkCache
    from examples.system_design.url_shortener.ranges import RangeAllocator, RangeCodes
    from examples.system_design.url_shortener.server import redis_client
    from examples.system_design.url_shortener.store import pool_of, pooled

    code = create(client, "https://example.com/still-here")
    with socket.socket() as sock:  # a free port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead_url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    pool = pool_of(lambda: connect(box.schema, postgres_dsn), 1)
    try:
        borrow = pooled(pool)
        dead = LinkCache(redis_client(dead_url, timeout=0.2), box.prefix)
        app = create_app(borrow, RangeCodes(RangeAllocator(borrow)), dead, clock=clock)
        with TestClient(app, raise_server_exceptions=False) as degraded:
            response = follow(degraded, code)
            assert response.status_code == 302
            assert response.headers["location"] == "https://example.com/still-here"
            assert dead.errors == 1  # the read failed, quietly
            assert dead.skipped == 1  # and the fill did not try again
            # Invalidation is the one cache call that must not fail quietly.
            assert degraded.delete(f"/links/{code}").status_code == 500
    finally:
        pool.dispose()


@pytest.mark.parametrize(
    "url", ["https://example.com/%E6%97%A5%E6%9C%AC", "https://xn--bcher-kva.example/"]
)
def test_the_ascii_forms_of_those_urls_redirect_as_given(client: TestClient, url: str) -> None:
    code = create(client, url)
    response = follow(client, code)
    assert response.status_code == 302 and response.headers["location"] == url


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    """RFC 9110, section 9.1: a general-purpose server must support GET and HEAD."""
    code = create(client, "https://example.com/head")
    response = client.head(f"/{code}", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "https://example.com/head"
    assert response.headers["cache-control"] == "private, max-age=60"
    assert response.content == b""
    missing = client.head("/zzzzzzz", follow_redirects=False)
    assert (missing.status_code, missing.content) == (404, b"")


def test_a_corrupt_cache_entry_is_a_miss_that_the_fill_replaces(client: TestClient, box: Sandbox) -> None:
    code = create(client, "https://example.com/fixed")
    key = f"{box.prefix}:link:{code}"
    for junk in [b"not json", b'{"url": 1}', b"[]"]:
        box.redis.set(key, junk, ex=60)
        response = follow(client, code)
        assert response.status_code == 302, junk
        assert response.headers["location"] == "https://example.com/fixed"
        assert box.redis.get(key) != junk  # the fill wrote a good entry
    assert follow(client, code).status_code == 302
    assert box.app.state.stats.snapshot()["hit"] == 1


def test_the_table_refuses_a_scheme_the_api_refuses(box: Sandbox, postgres_dsn: str) -> None:
    import psycopg

    from examples.scratch_postgres import connect

    with connect(box.schema, postgres_dsn) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "INSERT INTO links (code, long_url, created_at) VALUES ('x', 'ftp://e.com/f', now())"
        )
