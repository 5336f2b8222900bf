"""The GraphQL schema: queries, variables, errors, money, limits, and SQL counts."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator

import pytest
from graphql import (
    ExecutionResult,
    GraphQLError,
    NoSchemaIntrospectionCustomRule,
    graphql,
    parse_value,
    specified_rules,
)

from examples.apis.graphql.loader import BatchLoader
from examples.apis.graphql.schema import (
    MAX_LEXICAL_TOKENS,
    MAX_USERS_PER_PAGE,
    SCHEMA,
    Money,
    RequestContext,
    execute,
    format_cents,
    parse_user_id,
)
from examples.apis.graphql.store import Order, fetch_orders_of_users, recording_statements
from examples.data.sql_most_orders.database import open_database

USER_ORDERS = "query ($id: ID!) { user(id: $id) { id name orders { id total totalCents status } } }"
PAGE = "query ($first: Int!) { users(first: $first) { id name orders { id total } } }"


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    connection = open_database()
    yield connection
    connection.close()


def test_the_guides_query_shape(db: sqlite3.Connection) -> None:
    result = execute(db, '{ user(id: "1") { name orders { id total } } }')
    assert result.errors is None
    assert result.data == {
        "user": {
            "name": "Ada",
            "orders": [{"id": "1", "total": "25.00"}, {"id": "5", "total": "10.00"}, {"id": "9", "total": "3.50"}],
        }
    }


def test_variables_and_every_order_field(db: sqlite3.Connection) -> None:
    result = execute(db, USER_ORDERS, {"id": "6"})
    assert result.errors is None
    assert result.data == {
        "user": {
            "id": "6",
            "name": "Margaret",
            "orders": [{"id": "8", "total": "89.00", "totalCents": 8900, "status": "REFUNDED"}],
        }
    }


def test_a_user_without_orders_has_an_empty_list(db: sqlite3.Connection) -> None:
    result = execute(db, USER_ORDERS, {"id": "5"})
    assert result.errors is None
    assert result.data["user"]["orders"] == []


@pytest.mark.parametrize("batched", [True, False])
def test_unknown_user_is_null_without_errors(db: sqlite3.Connection, batched: bool) -> None:
    result = execute(db, USER_ORDERS, {"id": "999"}, batched=batched)
    assert result.data == {"user": None}
    assert result.errors is None


def test_unknown_field_is_a_validation_error_and_nothing_runs(db: sqlite3.Connection) -> None:
    with recording_statements(db) as statements:
        result = execute(db, '{ user(id: "1") { name orders { price } } }')
    assert result.data is None
    assert [error.message for error in result.errors] == ["Cannot query field 'price' on type 'Order'."]
    assert statements == [], "validation fails before any resolver runs"


def test_syntax_error_is_reported(db: sqlite3.Connection) -> None:
    result = execute(db, "{ user(id: ")
    assert result.data is None
    assert result.errors[0].message.startswith("Syntax Error")


def test_missing_required_variable_is_an_error(db: sqlite3.Connection) -> None:
    result = execute(db, USER_ORDERS, {})
    assert result.data is None
    assert "$id" in result.errors[0].message


@pytest.mark.parametrize(
    "raw", ["abc", "2 OR 1=1", "-1", "0", "1.5", "", "٣", " 1", "007", str(2**63), "9" * 5000]
)
def test_malformed_ids_are_errors_on_that_field(db: sqlite3.Connection, raw: str) -> None:
    result = execute(db, USER_ORDERS, {"id": raw})
    assert result.data == {"user": None}
    assert result.errors[0].message == f"User id must be a positive integer, got {raw!r}"
    assert result.errors[0].path == ["user"]


def test_an_integer_literal_id_is_accepted(db: sqlite3.Connection) -> None:
    result = execute(db, "{ user(id: 2) { name } }")
    assert result.errors is None
    assert result.data == {"user": {"name": "Grace"}}


@pytest.mark.parametrize("first", [0, -3, MAX_USERS_PER_PAGE + 1])
def test_page_size_is_bounded(db: sqlite3.Connection, first: int) -> None:
    result = execute(db, PAGE, {"first": first})
    assert result.data is None  # users is non-null, so its error nulls the whole response
    assert result.errors[0].message == f"first must be between 1 and {MAX_USERS_PER_PAGE}, got {first}"


def test_users_default_page_returns_everyone_in_id_order(db: sqlite3.Connection) -> None:
    result = execute(db, "{ users { id } }")
    assert result.data == {"users": [{"id": str(n)} for n in range(1, 7)]}


def test_money_is_output_only() -> None:
    with pytest.raises(GraphQLError, match="Money cannot be used as an input"):
        Money.coerce_input_value("1.00")
    with pytest.raises(GraphQLError, match="Money cannot be used as an input"):
        Money.coerce_input_literal(parse_value("1"))


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (99, "0.99"),
        (100, "1.00"),
        (4250, "42.50"),
        (-505, "-5.05"),
        (10**15 + 1, "10000000000000.01"),
    ],
)
def test_format_cents(cents: int, text: str) -> None:
    assert format_cents(cents) == text


@pytest.mark.parametrize("value", [12.5, "1250", None, True])
def test_format_cents_refuses_anything_but_int(value: object) -> None:
    with pytest.raises(GraphQLError, match="integer cents"):
        format_cents(value)


def test_parse_user_id_accepts_digits() -> None:
    assert parse_user_id("42") == 42
    assert parse_user_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("first", [1, 3, 6])
def test_naive_resolver_runs_one_query_per_user(db: sqlite3.Connection, first: int) -> None:
    with recording_statements(db) as statements:
        result = execute(db, PAGE, {"first": first}, batched=False)
    assert result.errors is None
    assert len(statements) == 1 + first


@pytest.mark.parametrize("first", [1, 3, 6])
def test_batched_resolver_runs_two_queries_whatever_the_page(db: sqlite3.Connection, first: int) -> None:
    with recording_statements(db) as statements:
        result = execute(db, PAGE, {"first": first}, batched=True)
    assert result.errors is None
    assert len(statements) == 2
    assert "json_each" in statements[1]


def test_batched_and_naive_answers_are_identical(db: sqlite3.Connection) -> None:
    naive = execute(db, PAGE, {"first": 6}, batched=False)
    batched = execute(db, PAGE, {"first": 6}, batched=True)
    assert naive.errors is None and batched.errors is None
    assert naive.data == batched.data
    assert [len(user["orders"]) for user in batched.data["users"]] == [3, 4, 2, 2, 0, 1]


def test_same_user_twice_in_one_request_is_fetched_once(db: sqlite3.Connection) -> None:
    query = '{ a: user(id: "2") { orders { id } } b: user(id: "2") { orders { id } } }'
    with recording_statements(db) as statements:
        result = execute(db, query)
    assert result.errors is None
    assert result.data["a"] == result.data["b"]
    assert len(statements) == 3  # two user lookups, one orders batch shared by both


def test_a_document_over_the_token_limit_is_refused_before_any_sql(db: sqlite3.Connection) -> None:
    aliases = " ".join(f"u{n}: users(first: {MAX_USERS_PER_PAGE}) {{ id }}" for n in range(200))
    with recording_statements(db) as statements:
        result = execute(db, f"{{ {aliases} }}")
    assert result.data is None
    message = f"Syntax Error: Document contains more than {MAX_LEXICAL_TOKENS} tokens. Parsing aborted."
    assert result.errors[0].message == message
    assert statements == []


def test_a_large_but_legitimate_document_is_under_the_token_limit(db: sqlite3.Connection) -> None:
    aliases = " ".join(f'u{n}: user(id: "{n + 1}") {{ name orders {{ id total }} }}' for n in range(6))
    result = execute(db, f"{{ {aliases} }}")
    assert result.errors is None
    assert result.data["u5"]["name"] == "Margaret"


def test_validation_rules_given_to_graphql_replace_the_specified_ones(db: sqlite3.Connection) -> None:
    """The page's warning: pass the spec's rules along with your own."""

    async def run_with(rules: tuple) -> ExecutionResult:
        return await graphql(SCHEMA, "{ nope __schema { description } }", context_value=RequestContext(db), rules=rules)

    alone = asyncio.run(run_with((NoSchemaIntrospectionCustomRule,)))
    assert [error.message for error in alone.errors] == [
        "GraphQL introspection has been disabled, but the requested query contained the field '__schema'."
    ]  # and nothing said that `nope` is not a field
    both = asyncio.run(run_with((*specified_rules, NoSchemaIntrospectionCustomRule)))
    assert "Cannot query field 'nope' on type 'Query'." in [error.message for error in both.errors]


def test_an_async_batch_function_batches_the_same_way(db: sqlite3.Connection) -> None:
    """What a server with an async driver does: the loader awaits the batch function."""

    async def fetch_later(ids: list[int]) -> list[list[Order]]:
        await asyncio.sleep(0)  # stands for the round trip
        return fetch_orders_of_users(db, ids)

    context = RequestContext(db)
    context.orders_loader = BatchLoader(fetch_later)
    with recording_statements(db) as statements:
        result = asyncio.run(graphql(SCHEMA, PAGE, context_value=context, variable_values={"first": 6}))
    assert result.errors is None
    assert result.data == execute(db, PAGE, {"first": 6}, batched=False).data
    assert len(statements) == 2
    assert context.orders_loader.batches == [[1, 2, 3, 4, 5, 6]]


def test_suggestions_reveal_field_names_unless_hidden(db: sqlite3.Connection) -> None:
    """The page's point about introspection: error messages name fields too."""

    async def run(**options: bool) -> str:
        result = await graphql(SCHEMA, "{ users { naem } }", context_value=RequestContext(db), **options)
        return result.errors[0].message

    assert asyncio.run(run()) == "Cannot query field 'naem' on type 'User'. Did you mean 'name'?"
    assert asyncio.run(run(hide_suggestions=True)) == "Cannot query field 'naem' on type 'User'."
