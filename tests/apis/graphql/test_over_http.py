"""http_response: status codes per the GraphQL over HTTP draft, bodies per the spec."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator

import pytest
from graphql import ExecutionResult, GraphQLError

from examples.apis.graphql.over_http import PARTIAL_SUCCESS, http_response
from examples.apis.graphql.schema import execute
from examples.data.sql_most_orders.database import open_database

USER = "query ($id: ID!) { user(id: $id) { name } }"


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    connection = open_database()
    yield connection
    connection.close()


def test_success_is_200_with_data_only(db: sqlite3.Connection) -> None:
    assert http_response(execute(db, USER, {"id": "2"})) == (200, {"data": {"user": {"name": "Grace"}}})


def test_a_missing_object_is_a_success(db: sqlite3.Connection) -> None:
    assert http_response(execute(db, USER, {"id": "999"})) == (200, {"data": {"user": None}})


def test_a_document_that_does_not_parse_is_400_without_data(db: sqlite3.Connection) -> None:
    status, body = http_response(execute(db, "{ user(id: "))
    assert status == 400
    assert list(body) == ["errors"]
    assert body["errors"][0]["message"].startswith("Syntax Error")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ user(id: "2") { price } }', None),  # unknown field
        ("{ user { name } }", None),  # required argument missing
        ('{ user(id: "1") { name } } { users { id } }', None),  # two anonymous operations
        (USER, {}),  # variable missing
        (USER, {"id": True}),  # variable of the wrong type
    ],
)
def test_request_errors_are_422_and_the_body_has_no_data_entry(
    db: sqlite3.Connection, query: str, variables: dict[str, object] | None
) -> None:
    with_data = execute(db, query, variables)
    assert with_data.data is None and with_data.errors  # graphql-core says data=None...
    status, body = http_response(with_data)
    assert status == 422
    assert "data" not in body  # ...the spec says no data entry at all (section 7.1)


def test_a_field_error_that_nulls_the_whole_response_is_still_a_partial_success(
    db: sqlite3.Connection,
) -> None:
    # users is non-null, so its error propagates to the root: data is null, but
    # execution ran, so this is not a request error and `data` stays in the body.
    status, body = http_response(execute(db, "{ users(first: 0) { id } }"))
    assert status == PARTIAL_SUCCESS
    assert body["data"] is None
    assert body["errors"][0]["path"] == ["users"]


def test_errors_written_for_clients_pass_through(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO orders VALUES (99, 5, 2147483648, 'paid', '2024-05-01T00:00:00Z')")
    status, body = http_response(execute(db, '{ user(id: "5") { orders { totalCents } } }'))
    assert status == PARTIAL_SUCCESS
    assert body["errors"][0]["message"] == "Int cannot represent non 32-bit signed integer value: 2147483648"


def test_unexpected_exceptions_are_masked_for_the_client_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    broken = open_database()
    broken.close()
    with caplog.at_level(logging.ERROR):
        status, body = http_response(execute(broken, USER, {"id": "2"}))
    assert status == PARTIAL_SUCCESS
    assert body == {
        "errors": [{"message": "Internal server error", "locations": [{"line": 1, "column": 20}], "path": ["user"]}],
        "data": {"user": None},
    }
    assert "closed database" not in str(body)
    assert "resolver failed at ['user']" in caplog.text
    assert "Cannot operate on a closed database." in caplog.text


def test_an_execution_result_built_by_hand() -> None:
    """The rule on its own: data=None and no error with a path is a request error."""
    request_error = ExecutionResult(None, [GraphQLError("Unknown operation named 'Q'.")])
    assert http_response(request_error) == (422, {"errors": [{"message": "Unknown operation named 'Q'."}]})
    field_error = ExecutionResult(None, [GraphQLError("boom", path=["users"])])
    assert http_response(field_error)[0] == PARTIAL_SUCCESS
