"""The error format on a minimal app, apart from the users resource."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from examples.apis.rest.problem_details import (
    PROBLEM_JSON,
    PROBLEM_TYPES,
    ProblemError,
    install_problem_handlers,
)

MEMBERS = {"type", "title", "status", "detail", "instance"}


class Item(BaseModel):
    size: int


def make_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/teapot")
    def teapot() -> None:
        raise ProblemError(418, "teapot", "I am a teapot", "This one is short.")

    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    @app.post("/items")
    def add_item(item: Item) -> Item:
        return item

    @app.get("/items")
    def list_items() -> list[Item]:
        return []

    return app


@pytest.fixture
def client() -> TestClient:
    return TestClient(make_app(), raise_server_exceptions=False)


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body.keys() >= MEMBERS
    assert body["status"] == status
    return body


def test_problem_error_becomes_a_problem_document(client: TestClient) -> None:
    body = assert_problem(client.get("/teapot"), 418)
    assert body == {
        "type": PROBLEM_TYPES + "teapot",
        "title": "I am a teapot",
        "status": 418,
        "detail": "This one is short.",
        "instance": "/teapot",
    }


def test_unknown_path_is_a_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/nowhere?x=1"), 404)
    assert body["type"] == "about:blank"
    assert body["title"] == "Not Found"
    assert body["instance"] == "/nowhere"  # the path, without the query string
    assert "errors" not in body


def test_wrong_method_is_a_405_listing_every_allowed_method(client: TestClient) -> None:
    response = client.put("/items", json={"size": 1})
    body = assert_problem(response, 405)
    assert response.headers["allow"] == "GET, POST"
    assert body["title"] == "Method Not Allowed"
    assert "GET, POST" in body["detail"]


def test_validation_errors_list_field_and_message(client: TestClient) -> None:
    body = assert_problem(client.post("/items", json={"size": "big"}), 422)
    assert body["type"] == PROBLEM_TYPES + "validation-error"
    assert body["errors"] == [
        {
            "field": "body.size",
            "message": "Input should be a valid integer, unable to parse string as an integer",
        }
    ]


def test_malformed_json_is_a_400_without_field_errors(client: TestClient) -> None:
    response = client.post("/items", content=b"{'size': 1}", headers={"content-type": "application/json"})
    body = assert_problem(response, 400)
    assert body["type"] == PROBLEM_TYPES + "malformed-json"
    assert body["detail"].startswith("The request body is not valid JSON: ")
    assert "errors" not in body


def test_a_crash_is_a_500_that_leaks_nothing_and_is_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="examples.apis.rest.problem_details"):
        response = client.get("/crash")
    body = assert_problem(response, 500)
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    assert body["title"] == "Internal Server Error"
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert any("hunter2" in str(error) for error in logged)


def test_successful_responses_are_untouched(client: TestClient) -> None:
    response = client.post("/items", json={"size": 3})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"size": 3}
