"""The error format on a minimal app, apart from the users resource."""

from __future__ import annotations

import logging
from typing import Annotated

import pytest
from fastapi import FastAPI, Header, HTTPException, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from examples.apis.rest.problem_details import (
    PROBLEM_JSON,
    PROBLEM_TYPES,
    ProblemError,
    install_problem_handlers,
    json_pointer,
    problem_responses,
)

MEMBERS = {"type", "title", "status", "detail", "instance"}


class Item(BaseModel):
    size: int
    tags: list[str] = []


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
    def list_items(
        limit: Annotated[int, Query(ge=1)] = 10,
        trace: Annotated[str | None, Header(max_length=8)] = None,
    ) -> list[Item]:
        return []

    @app.put("/items/{name}", responses=problem_responses({422: "The key was already used with another body"}))
    def put_item(name: str, item: Item) -> Item:
        return item

    @app.get("/widgets/{name}")
    def get_widget(name: str) -> None:
        raise HTTPException(404, f"No widget is called {name}.")

    @app.get("/closed")
    def closed() -> None:
        raise HTTPException(499, "The client went away.")  # no HTTPStatus for 499

    @app.post("/small", max_body_size=16)
    def small(item: Item) -> Item:
        return item

    @app.get("/health", responses=problem_responses({503: "Down for maintenance"}))
    def health() -> dict[str, str]:
        return {"status": "ok"}

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


def test_body_errors_are_422_with_a_json_pointer_each(client: TestClient) -> None:
    body = assert_problem(client.post("/items", json={"size": "big", "tags": ["a", 7]}), 422)
    assert body["type"] == PROBLEM_TYPES + "validation-error"
    assert body["errors"] == [
        {
            "detail": "Input should be a valid integer, unable to parse string as an integer",
            "pointer": "#/size",
        },
        {"detail": "Input should be a valid string", "pointer": "#/tags/1"},
    ]


def test_query_and_header_errors_are_400_naming_where(client: TestClient) -> None:
    response = client.get("/items", params={"limit": 0}, headers={"trace": "x" * 9})
    body = assert_problem(response, 400)
    assert body["type"] == PROBLEM_TYPES + "validation-error"
    assert body["errors"] == [
        {"detail": "Input should be greater than or equal to 1", "parameter": "limit"},
        {"detail": "String should have at most 8 characters", "header": "trace"},
    ]


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ([], "#"),
        (["email"], "#/email"),
        (["tags", 0], "#/tags/0"),
        (["a/b"], "#/a~1b"),
        (["m~n"], "#/m~0n"),
        (["~1"], "#/~01"),  # "~" first, or "~1" would come back as "/"
        (["a b", "%"], "#/a%20b/%25"),
        (["é"], "#/%C3%A9"),
        ([""], "#/"),
    ],
)
def test_json_pointer_follows_rfc_6901(path: list, pointer: str) -> None:
    assert json_pointer(path) == pointer


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
    assert response.json() == {"size": 3, "tags": []}


def test_openapi_describes_problems_instead_of_fastapis_422(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    # A body: 400 for malformed JSON, 422 for a broken schema.
    assert set(paths["/items"]["post"]["responses"]) == {"200", "400", "422"}
    assert paths["/items"]["post"]["responses"]["422"]["content"] == problem
    # Parameters only: a bad one is a 400, and there is no 422 to document.
    assert set(paths["/items"]["get"]["responses"]) == {"200", "400"}
    assert paths["/items"]["get"]["responses"]["400"]["content"] == problem
    # No inputs: no validation errors; a route's own problems are kept.
    assert set(paths["/health"]["get"]["responses"]) == {"200", "503"}
    assert paths["/health"]["get"]["responses"]["503"]["content"] == problem
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert client.get("/openapi.json").json() == schema  # built once, then cached


def test_a_route_that_documents_its_own_422_keeps_that_description(client: TestClient) -> None:
    responses = client.get("/openapi.json").json()["paths"]["/items/{name}"]["put"]["responses"]
    assert responses["422"]["description"] == "The key was already used with another body"
    assert responses["422"]["content"][PROBLEM_JSON]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_a_routes_own_404_keeps_its_detail(client: TestClient) -> None:
    body = assert_problem(client.get("/widgets/sprocket"), 404)
    assert body["detail"] == "No widget is called sprocket."


def test_a_status_python_has_no_name_for_is_still_a_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/closed"), 499)
    assert body["title"] == "Error 499"
    assert body["detail"] == "The client went away."


def test_about_blank_titles_are_rfc_9110_phrases_on_every_python(client: TestClient) -> None:
    """Python 3.11's HTTPStatus still says "Request Entity Too Large"; RFC 9457
    wants the phrase RFC 9110 recommends. A chunked body over the limit reaches
    the handlers (one that declares its length gets Starlette's plain text)."""
    chunks = iter([b'{"size": 1, "tags": [', b'"a", "b", "c"]}'])
    response = client.post("/small", content=chunks, headers={"content-type": "application/json"})
    assert assert_problem(response, 413)["title"] == "Content Too Large"


def test_a_declared_length_over_the_limit_gets_starlettes_plain_text() -> None:
    """The page's "errors your handlers never see": the handler builds a problem,
    and Starlette's body limiter replaces it, so clients must fall back on the status."""
    app = make_app()
    handled: list[int] = []
    on_http_error = app.exception_handlers[StarletteHTTPException]

    async def spy(request, exc):
        handled.append(exc.status_code)
        return await on_http_error(request, exc)

    app.add_exception_handler(StarletteHTTPException, spy)
    body = b'{"size": 1, "tags": ["a", "b", "c"]}'  # Content-Length: 36, limit 16
    response = TestClient(app).post("/small", content=body, headers={"content-type": "application/json"})
    assert handled == [413]  # the problem was built...
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Content Too Large"  # ...and replaced by plain text


@pytest.mark.parametrize(
    ("path", "instance"),
    [
        ("/nowhere%20at%20all", "/nowhere%20at%20all"),
        ("/a%3Cb%3E", "/a%3Cb%3E"),
        ("/%C3%A9t%C3%A9", "/%C3%A9t%C3%A9"),
        ("/100%25", "/100%25"),
        ("/a%2Fb", "/a%2Fb"),  # an encoded slash stays one segment
    ],
)
def test_instance_is_a_uri_reference_even_for_odd_paths(client: TestClient, path: str, instance: str) -> None:
    """RFC 9457 makes `instance` a URI reference: the path as the client sent it."""
    body = assert_problem(client.get(path), 404)
    assert body["instance"] == instance


def test_starlette_re_raises_a_crash_after_sending_the_500() -> None:
    """Why a server such as Uvicorn logs a crash too: the handler answers, then
    Starlette's outermost middleware raises the error again."""
    with TestClient(make_app()) as strict, pytest.raises(RuntimeError, match="hunter2"):
        strict.get("/crash")


def test_a_problem_error_can_carry_headers() -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/private")
    def private() -> None:
        challenge = {"WWW-Authenticate": 'Bearer realm="x"'}
        raise ProblemError(401, "unauthenticated", "Log in", "No token.", headers=challenge)

    with TestClient(app) as client:
        response = client.get("/private")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="x"'
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == PROBLEM_TYPES + "unauthenticated"


def test_a_problem_error_without_headers_sends_none_extra() -> None:
    with TestClient(make_app()) as client:
        response = client.get("/teapot")
    assert "www-authenticate" not in response.headers
