"""ETags: 304 on a match, 412 on a stale If-Match, 428 without one."""

from __future__ import annotations

import asyncio
import inspect

import httpx2
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from examples.apis.contracts.etag_app import (
    any_match,
    create_app,
    listed_tags,
    none_match,
)
from examples.apis.rest.problem_details import PROBLEM_JSON


def test_get_sends_a_strong_etag_and_304_has_no_body() -> None:
    with TestClient(create_app()) as client:
        first = client.get("/notes/n1")
        etag = first.headers["etag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        again = client.get("/notes/n1", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


def test_if_none_match_uses_weak_comparison_and_lists() -> None:
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        weak = client.get("/notes/n1", headers={"If-None-Match": f'"x", W/{etag}'})
        other = client.get("/notes/n1", headers={"If-None-Match": '"n1-0"'})
        star = client.get("/notes/n1", headers={"If-None-Match": "*"})
    assert weak.status_code == 304
    assert other.status_code == 200 and other.json()["text"] == "buy milk"
    assert star.status_code == 304


def test_put_without_if_match_is_428_problem() -> None:
    with TestClient(create_app()) as client:
        response = client.put("/notes/n1", json={"text": "x"})
        assert client.get("/notes/n1").json()["text"] == "buy milk"
    assert response.status_code == 428
    assert response.headers["content-type"] == PROBLEM_JSON


def test_stale_if_match_is_412_and_changes_nothing() -> None:
    with TestClient(create_app()) as client:
        old = client.get("/notes/n1").headers["etag"]
        ok = client.put("/notes/n1", json={"text": "a"}, headers={"If-Match": old})
        stale = client.put("/notes/n1", json={"text": "b"}, headers={"If-Match": old})
        final = client.get("/notes/n1")
    assert ok.status_code == 200 and ok.headers["etag"] != old
    assert final.headers["etag"] == ok.headers["etag"]
    assert stale.status_code == 412
    assert stale.headers["content-type"] == PROBLEM_JSON
    assert final.json()["text"] == "a"


def test_weak_tag_never_satisfies_if_match() -> None:
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        response = client.put(
            "/notes/n1", json={"text": "a"}, headers={"If-Match": f"W/{etag}"}
        )
    assert response.status_code == 412


def test_lost_update_happens_without_if_match_and_not_with_it() -> None:
    for require, expected in ((False, "bob"), (True, "alice")):
        app = create_app(require_if_match=require)
        with TestClient(app) as alice, TestClient(app) as bob:
            a_tag = alice.get("/notes/n1").headers["etag"]
            b_tag = bob.get("/notes/n1").headers["etag"]
            a_hdr = {"If-Match": a_tag} if require else {}
            b_hdr = {"If-Match": b_tag} if require else {}
            alice.put("/notes/n1", json={"text": "alice"}, headers=a_hdr)
            bob.put("/notes/n1", json={"text": "bob"}, headers=b_hdr)
            assert alice.get("/notes/n1").json()["text"] == expected


def test_missing_note_and_bad_body() -> None:
    with TestClient(create_app()) as client:
        assert client.get("/notes/nope").status_code == 404
        etag = client.get("/notes/n1").headers["etag"]
        extra = client.put(
            "/notes/n1", json={"text": "a", "version": 99}, headers={"If-Match": etag}
        )
    assert extra.status_code == 422  # a client may not set the version itself


tags = st.from_regex(r'"[a-z0-9-]{1,8}"', fullmatch=True)


@given(current=tags, others=st.lists(tags, min_size=1, max_size=4))
def test_if_match_and_if_none_match_are_opposites_for_strong_tags(
    current: str, others: list[str]
) -> None:
    header = ", ".join(others)
    assert any_match(header, current) == (current in others)
    assert none_match(header, current) == (current not in others)


def test_handlers_are_async_so_check_and_write_never_interleave() -> None:
    # A plain def runs in a thread pool, where two PUTs can both pass the check.
    endpoints = [
        route.endpoint for route in create_app().routes if "note_id" in route.path
    ]
    assert endpoints and all(inspect.iscoroutinefunction(e) for e in endpoints)


def test_twenty_concurrent_puts_with_one_etag_have_one_winner() -> None:
    async def race() -> list[int]:
        transport = httpx2.ASGITransport(app=create_app())
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as c:
            tag = (await c.get("/notes/n1")).headers["etag"]
            puts = [
                c.put("/notes/n1", json={"text": f"w{i}"}, headers={"If-Match": tag})
                for i in range(20)
            ]
            return [r.status_code for r in await asyncio.gather(*puts)]

    statuses = asyncio.run(race())
    assert statuses.count(200) == 1 and statuses.count(412) == 19


def test_put_if_none_match_star_on_an_existing_note_is_412() -> None:
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        star = client.put(
            "/notes/n1", json={"text": "a"}, headers={"If-None-Match": "*"}
        )
        both = client.put(
            "/notes/n1",
            json={"text": "a"},
            headers={"If-Match": etag, "If-None-Match": etag},
        )
        other = client.put(
            "/notes/n1", json={"text": "b"}, headers={"If-None-Match": '"n1-0"'}
        )
    assert star.status_code == 412 and both.status_code == 412
    assert other.status_code == 200  # a tag that does not match lets the PUT through


def test_304_repeats_the_etag_and_cache_control_of_the_200() -> None:
    with TestClient(create_app()) as client:
        full = client.get("/notes/n1")
        again = client.get("/notes/n1", headers={"If-None-Match": full.headers["etag"]})
    assert full.headers["cache-control"] == "no-cache"
    assert again.status_code == 304
    for name in ("etag", "cache-control"):
        assert again.headers[name] == full.headers[name]


@pytest.mark.parametrize(
    ("header", "tags"),
    [
        ('"a,b", "c"', ['"a,b"', '"c"']),  # a comma inside the quotes is opaque
        ('"x", *', []),  # "*" only stands alone: malformed, so nothing matches
        (" * ", ["*"]),
        ('W/"n1-1"', ['W/"n1-1"']),
        ('W/ "n1-1"', []),  # no space allowed after W/ (RFC 9110 8.8.3)
        ("n1-1", []),  # unquoted
        ('"a" "b"', []),  # no comma
    ],
)
def test_listed_tags_follows_the_entity_tag_grammar(
    header: str, tags: list[str]
) -> None:
    assert listed_tags(header) == tags


def test_a_malformed_if_match_never_matches() -> None:
    with TestClient(create_app()) as client:
        response = client.put(
            "/notes/n1", json={"text": "a"}, headers={"If-Match": '"x", *'}
        )
    assert response.status_code == 412
