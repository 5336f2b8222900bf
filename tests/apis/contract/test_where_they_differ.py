"""Where the two apps differ today, pinned so that docs/apis/rest-on-fastify.md stays true.

Both refuse to start without a cursor key. Past that: Fastify refuses a body
over 1 MiB (bodyLimit's default) with a 413 before reading it, while the
FastAPI app, which sets no max_body_size, reads it all and then validates it;
FastAPI reads and parses the body before its `authorize` dependency runs
(Fastify's onRequest hook runs first; demo.ts shows it).
"""

from __future__ import annotations

import http.client
import json
import sqlite3
from pathlib import Path

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from examples.apis.rest.cursors import KEY_VARIABLE
from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import connect
from tests.apis.contract.servers import Api, run_serve_js

pytestmark = pytest.mark.xdist_group("apis-contract")

ONE_MIB = 1024 * 1024


def test_without_a_cursor_key_neither_app_starts(fastify_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    with pytest.raises(RuntimeError, match=KEY_VARIABLE):
        create_app(sqlite3.connect(":memory:"), authorize=allow_anyone_demo_only)
    refused = run_serve_js(fastify_build, None)
    assert refused.returncode == 1
    assert refused.stdout == ""  # never the "listening" line
    assert KEY_VARIABLE in refused.stderr


def test_a_short_cursor_key_stops_both_apps(fastify_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_VARIABLE, "short")
    with pytest.raises(ValueError, match="32"):
        create_app(sqlite3.connect(":memory:"), authorize=allow_anyone_demo_only)
    refused = run_serve_js(fastify_build, "short")
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "32+ bytes" in refused.stderr


def test_a_body_over_one_mib(fastapi_api: Api, fastify_api: Api) -> None:
    body = json.dumps({"name": "x" * ONE_MIB, "email": "big@example.com"}).encode()
    fastapi = fastapi_api.send("POST", "/users", body, {"content-type": "application/json"})
    assert fastapi.status == 422  # read in full, then too long a name
    assert [error["pointer"] for error in fastapi.json()["errors"]] == ["#/name"]
    # Fastify answers as soon as it sees Content-Length, then closes the connection:
    # read the answer before sending the rest, or the close may reset it away.
    connection = http.client.HTTPConnection("127.0.0.1", int(fastify_api.base.rpartition(":")[2]), timeout=10)
    try:
        connection.putrequest("POST", "/users")
        connection.putheader("content-type", "application/json")
        connection.putheader("content-length", str(len(body)))
        connection.endheaders(body[:1024])
        response = connection.getresponse()
        problem = json.loads(response.read())
    finally:
        connection.close()
    assert (response.status, response.getheader("content-type")) == (413, "application/problem+json")
    assert (problem["type"], problem["title"]) == ("about:blank", "Content Too Large")  # RFC 9110's phrase


def test_fastapi_parses_the_body_before_authorize_runs() -> None:
    def nobody() -> None:
        raise HTTPException(403, "nobody may")

    app = create_app(connect(":memory:"), authorize=nobody, cursor_key=b"k" * 32)
    with TestClient(app) as client:
        broken = client.post("/users", content=b"{", headers={"content-type": "application/json"})
        assert (broken.status_code, broken.json()["title"]) == (400, "Malformed JSON")
        assert client.post("/users", json={}).status_code == 403
