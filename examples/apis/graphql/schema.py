"""The GraphQL schema for users and their orders, resolved from SQLite.

The schema is built in code (graphql-core's type classes), so every field sits
next to its resolver. Resolvers read through store.py. Whether `User.orders`
runs one query per user (N+1) or one batched query per request is chosen per
request, in the context.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ExecutionResult,
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    graphql,
)

from examples.apis.graphql.loader import BatchLoader
from examples.apis.graphql.store import (
    Order,
    User,
    fetch_orders_of_user,
    fetch_orders_of_users,
    fetch_user,
    fetch_users,
)

MAX_USERS_PER_PAGE = 100
# A bound on the document itself. A per-argument bound alone does not bound a
# request: one document can repeat `users(first: 100)` under hundreds of aliases.
MAX_LEXICAL_TOKENS = 1_000


# --8<-- [start:money]
def format_cents(value: Any) -> str:
    """Serialize integer cents as a decimal string: 4250 -> "42.50", 5 -> "0.05"."""
    if not isinstance(value, int) or isinstance(value, bool):
        # A float here would mean money went through binary floating point.
        raise GraphQLError(f"Money must be integer cents, got {type(value).__name__}")
    dollars, cents = divmod(abs(value), 100)
    sign = "-" if value < 0 else ""
    return f"{sign}{dollars}.{cents:02d}"


# --8<-- [end:money]


def reject_money_input(_value: Any, *_args: Any) -> Any:
    """Money is output only; no argument accepts it."""
    raise GraphQLError("Money cannot be used as an input")


@dataclass
class RequestContext:
    """Per-request state. A new loader per request keeps caches from leaking."""

    db: sqlite3.Connection
    batched: bool = True
    orders_loader: BatchLoader[int, list[Order]] = field(init=False)

    def __post_init__(self) -> None:
        self.orders_loader = BatchLoader(
            lambda ids: fetch_orders_of_users(self.db, ids)
        )


def parse_user_id(raw: str) -> int:
    """Validate an `ID` argument at the edge: a positive integer that fits SQLite.

    Only the canonical spelling is accepted ("7", not "007"), so that one object
    has one id. The length is checked before int() runs: 2**63 - 1 has 19 digits,
    and int() refuses over 4,300 digits with an error message of its own.
    """
    canonical = raw.isascii() and raw.isdigit() and not raw.startswith("0")
    if not (canonical and len(raw) <= 19 and int(raw) < 2**63):
        raise GraphQLError(f"User id must be a positive integer, got {raw!r}")
    return int(raw)


def resolve_user(_root: None, info: GraphQLResolveInfo, id: str) -> User | None:
    """`user(id:)`: null for an unknown id, an error for a malformed one."""
    return fetch_user(info.context.db, parse_user_id(id))


def resolve_users(_root: None, info: GraphQLResolveInfo, first: int) -> list[User]:
    """`users(first:)`, the page size bounded so one request cannot ask for everything."""
    if not 1 <= first <= MAX_USERS_PER_PAGE:
        raise GraphQLError(
            f"first must be between 1 and {MAX_USERS_PER_PAGE}, got {first}"
        )
    return fetch_users(info.context.db, first)


# --8<-- [start:resolve_orders]
def resolve_orders(user: User, info: GraphQLResolveInfo) -> Any:
    """`User.orders`: a query per user (N+1), or a future the loader fills in one batch."""
    context: RequestContext = info.context
    if not context.batched:
        return fetch_orders_of_user(context.db, user.id)
    return context.orders_loader.load(user.id)


# --8<-- [end:resolve_orders]


# --8<-- [start:types]
def non_null(type_: Any) -> GraphQLNonNull:
    """Shorthand for a required (`!`) type."""
    return GraphQLNonNull(type_)


Money = GraphQLScalarType(
    "Money",
    description='US dollars as an exact decimal string, such as "42.50". Output only.',
    coerce_output_value=format_cents,
    coerce_input_value=reject_money_input,
    coerce_input_literal=reject_money_input,
)

OrderStatus = GraphQLEnumType("OrderStatus", {"PAID": "paid", "REFUNDED": "refunded"})

OrderType = GraphQLObjectType(
    "Order",
    {
        "id": GraphQLField(non_null(GraphQLID)),
        "total": GraphQLField(non_null(Money), resolve=lambda o, _: o.total_cents),
        "totalCents": GraphQLField(
            non_null(GraphQLInt),
            description="The same amount in cents, for clients that compute with it.",
            resolve=lambda o, _: o.total_cents,
        ),
        "status": GraphQLField(non_null(OrderStatus)),
    },
)

UserType = GraphQLObjectType(
    "User",
    {
        "id": GraphQLField(non_null(GraphQLID)),
        "name": GraphQLField(non_null(GraphQLString)),
        "orders": GraphQLField(
            non_null(GraphQLList(non_null(OrderType))), resolve=resolve_orders
        ),
    },
)

QueryType = GraphQLObjectType(
    "Query",
    {
        "user": GraphQLField(
            UserType,  # nullable: "no such user" is an answer, not an error
            args={"id": GraphQLArgument(non_null(GraphQLID))},
            description="One user, or null when no user has this id.",
            resolve=resolve_user,
        ),
        "users": GraphQLField(
            non_null(GraphQLList(non_null(UserType))),
            args={"first": GraphQLArgument(non_null(GraphQLInt), default_value=10)},
            description=f"Users in id order; first is 1 to {MAX_USERS_PER_PAGE}.",
            resolve=resolve_users,
        ),
    },
)

SCHEMA = GraphQLSchema(query=QueryType)
# --8<-- [end:types]


# --8<-- [start:execute]
async def execute_async(
    db: sqlite3.Connection,
    source: str,
    variables: dict[str, Any] | None = None,
    *,
    batched: bool = True,
) -> ExecutionResult:
    """Run one GraphQL request against `db` with a fresh per-request context.

    This is what an async web handler awaits, once per request.
    """
    context = RequestContext(db, batched=batched)
    return await graphql(
        SCHEMA,
        source,
        context_value=context,
        variable_values=variables,
        max_lexical_tokens=MAX_LEXICAL_TOKENS,  # refused while parsing, before any SQL
    )


def execute(
    db: sqlite3.Connection,
    source: str,
    variables: dict[str, Any] | None = None,
    *,
    batched: bool = True,
) -> ExecutionResult:
    """The same from synchronous code (scripts, tests): one event loop per call."""
    return asyncio.run(execute_async(db, source, variables, batched=batched))


# --8<-- [end:execute]
