"""Caching: the private cache follows each Cache-Control policy against a real origin."""

from __future__ import annotations

import httpx2
import pytest

from examples.fundamentals.http.cache_origin import BODY, CacheOrigin
from examples.fundamentals.http.caching import Clock, PrivateCache, directives, freshness_s
from examples.uvicorn_server import serve


@pytest.mark.parametrize(
    ("path", "sources", "sent_200", "sent_304"),
    [
        ("/max-age", ["origin", "cache", "304"], 1, 1),
        ("/no-cache", ["origin", "304", "304"], 1, 2),
        ("/no-store", ["origin", "origin", "origin"], 3, 0),
    ],
)
def test_each_policy_decides_when_the_origin_is_asked(
    path: str, sources: list[str], sent_200: int, sent_304: int
) -> None:
    origin, clock = CacheOrigin(), Clock()
    seen = []
    with serve(origin, http="h11") as port, httpx2.Client(timeout=5.0) as client:
        cache = PrivateCache(client, clock)
        for seconds in (0, 10, 70):
            clock.t = seconds
            source, body = cache.get(f"http://127.0.0.1:{port}{path}")
            seen.append(source)
            assert body == BODY  # a 304 still hands the caller the stored body
    assert seen == sources
    assert (origin.sent[path, 200], origin.sent[path, 304]) == (sent_200, sent_304)


def test_a_fresh_copy_expires_exactly_at_max_age() -> None:
    origin, clock = CacheOrigin(), Clock()
    with serve(origin, http="h11") as port, httpx2.Client(timeout=5.0) as client:
        cache = PrivateCache(client, clock)
        url = f"http://127.0.0.1:{port}/max-age"
        sources = []
        for seconds in (0, 59.9, 60):
            clock.t = seconds
            sources.append(cache.get(url)[0])
    assert sources == ["origin", "cache", "304"]


@pytest.mark.parametrize(
    ("if_none_match", "status"),
    [('"v1"', 304), ('"v0", "v1"', 304), ("*", 304), ('"v0"', 200)],
)
def test_the_origin_answers_304_only_when_a_tag_matches(if_none_match: str, status: int) -> None:
    with serve(CacheOrigin(), http="h11") as port:
        response = httpx2.get(
            f"http://127.0.0.1:{port}/max-age",
            headers={"if-none-match": if_none_match},
            timeout=5.0,
        )
    assert response.status_code == status
    assert response.content == (b"" if status == 304 else BODY)
    assert response.headers["etag"] == '"v1"'


def test_an_unknown_path_is_404() -> None:
    with serve(CacheOrigin(), http="h11") as port:
        assert httpx2.get(f"http://127.0.0.1:{port}/nope", timeout=5.0).status_code == 404


def test_directives_are_case_insensitive_and_unquoted() -> None:
    assert directives('Max-Age="30", NO-CACHE , private') == {
        "max-age": "30",
        "no-cache": "",
        "private": "",
    }
    assert directives("") == {}


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("max-age=60", 60), ("max-age=60, no-cache", 0), ("max-age=soon", 0), ("", 0)],
)
def test_freshness_is_zero_when_revalidation_is_due_or_the_value_is_bad(
    header: str, seconds: int
) -> None:
    assert freshness_s(directives(header)) == seconds
