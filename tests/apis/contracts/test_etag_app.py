"""ETags: 304 on a match, 412 on a stale If-Match, 428 without one."""

from __future__ import annotations

import asyncio
import inspect
import time

import httpx2
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.apis.contracts import etag_app
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
    assert ok.status_code == 204 and final.headers["etag"] != old
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


def test_twenty_concurrent_puts_with_one_etag_have_one_winner(monkeypatch) -> None:
    # Widen the window between the check and the write: with a plain def (the
    # thread pool) or an await in between, all twenty pass the check and win.
    check = etag_app.any_match

    def slow_check(header: str, current: str) -> bool:
        matched = check(header, current)
        time.sleep(0.005)  # blocks the event loop: no other request runs meanwhile
        return matched

    monkeypatch.setattr(etag_app, "any_match", slow_check)

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
    assert statuses.count(204) == 1 and statuses.count(412) == 19


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
    assert star.status_code == 412 and both.status_code == 412


# Header values a client can send: visible ASCII and spaces, on one line.
header_values = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)


@settings(max_examples=50)
@given(value=header_values.filter(lambda v: listed_tags(v) != ["*"]))
def test_no_if_match_is_428_whatever_if_none_match_says(value: str) -> None:
    # It once let any If-None-Match stand in for If-Match: '"whatever"' or
    # 'garbage' overwrote the note blind, with a 200.
    with TestClient(create_app()) as client:
        response = client.put(
            "/notes/n1", json={"text": "blind"}, headers={"If-None-Match": value}
        )
        assert client.get("/notes/n1").json()["text"] == "buy milk"
    assert response.status_code == 428


def test_put_answers_204_without_an_etag() -> None:
    # RFC 9110 9.3.4: no validator unless the stored representation is the one
    # sent, and GET adds the id. The next tag comes from a GET.
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        saved = client.put("/notes/n1", json={"text": "a"}, headers={"If-Match": etag})
        after = client.get("/notes/n1")
    assert saved.status_code == 204 and saved.content == b""
    assert "etag" not in saved.headers
    assert after.json() == {"id": "n1", "text": "a"} and after.headers["etag"] != etag


def test_a_false_if_match_on_get_is_412() -> None:
    # RFC 9110 13.1.1: an origin server evaluates If-Match before any method.
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        stale = client.get("/notes/n1", headers={"If-Match": '"n1-0"'})
        fresh = client.get("/notes/n1", headers={"If-Match": etag})
        both = client.get(
            "/notes/n1", headers={"If-Match": etag, "If-None-Match": etag}
        )
    assert stale.status_code == 412 and stale.headers["content-type"] == PROBLEM_JSON
    assert fresh.status_code == 200 and both.status_code == 304


def test_head_sends_the_headers_of_get_and_no_body() -> None:
    with TestClient(create_app()) as client:
        full = client.get("/notes/n1")
        head = client.head("/notes/n1")
        again = client.head("/notes/n1", headers={"If-None-Match": full.headers["etag"]})
        missing = client.head("/notes/nope")
    assert head.status_code == 200 and head.content == b""
    for name in ("etag", "cache-control", "content-length"):
        assert head.headers[name] == full.headers[name]
    assert again.status_code == 304 and missing.status_code == 404


def test_every_if_match_line_counts() -> None:
    # RFC 9110 5.3: two lines of a list field are one list, joined by a comma.
    with TestClient(create_app()) as client:
        etag = client.get("/notes/n1").headers["etag"]
        response = client.put(
            "/notes/n1",
            json={"text": "a"},
            headers=[("If-Match", '"x"'), ("If-Match", etag)],
        )
    assert response.status_code == 204


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
        ('"n1-1",', ['"n1-1"']),  # empty elements are ignored (RFC 9110 5.6.1.2)
        (', "n1-1"', ['"n1-1"']),
        ('"a", , "b"', ['"a"', '"b"']),
        ('"a b"', []),  # no space inside an entity-tag
        ('"a\x01"', []),  # nor a control character
        ('"a"\n, "b"', []),
        ("", []),
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


elements = st.lists(st.one_of(st.just(""), tags, tags.map(lambda t: "W/" + t)), max_size=6)
spaces = st.sampled_from(["", " ", "\t", "  "])


@given(listed=elements, pad=spaces)
def test_listed_tags_returns_the_tags_of_any_list_with_empty_elements(
    listed: list[str], pad: str
) -> None:
    header = ",".join(f"{pad}{element}{pad}" for element in listed)
    assert listed_tags(header) == [element for element in listed if element]
